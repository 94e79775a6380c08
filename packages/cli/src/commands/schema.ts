import { scheduleJsonSchema } from '@anneal/core';
import { defineCommand } from '../command.js';

/** `anneal schema`: the JSON Schema of schedule configs, for editors and other tools. */
export const schemaCommand = defineCommand({
  summary: 'print the JSON Schema of schedule configs',
  help: `Usage: anneal schema

Prints the JSON Schema (draft 2020-12) that every schedule config follows.
Point an editor at it, e.g. "$schema" in a config or VS Code's json.schemas.

Options:
  -h, --help  show this help`,
  options: {},
  arguments: [],
  run(_input, io) {
    io.stdout.write(`${JSON.stringify(scheduleJsonSchema(), null, 2)}\n`);
    return 0;
  },
});
