import { scheduleJsonSchema } from '@anneal/core';
import { monitorJsonSchema } from '@anneal/monitor';
import { defineCommand, usageError } from '../command.js';
import { blamingRulePlugins, registryWithRuleModules } from '../rule-modules.js';

/** `anneal schema`: the JSON Schema of schedule configs (or, with --monitor, of monitor configs), for editors and other tools. */
export const schemaCommand = defineCommand({
  summary: 'print the JSON Schema of schedule configs (--monitor: of monitor configs)',
  help: `Usage: anneal schema [--monitor [--rules rules.js ...]]

Prints the JSON Schema (draft 2020-12) that every schedule config follows, or with
--monitor the one every monitor config follows (the config of anneal simulate: base
rate or schedule, metric, mode, minLr, maxLr, onMissing and the built-in rules).
Point an editor at it, e.g. "$schema" in a config or VS Code's json.schemas.

Options:
  --monitor         print the schema of monitor configs instead
  --rules <module>  with --monitor: also the rule plugins this ES module exports
                    (made by defineRule); may be repeated
  -h, --help        show this help`,
  options: {
    monitor: { type: 'boolean', default: false },
    rules: { type: 'string', multiple: true },
  },
  arguments: [],
  async run({ values }, io) {
    if (values.rules !== undefined && values.monitor !== true) throw usageError('--rules needs --monitor', '--rules');
    const registry = values.monitor === true ? await registryWithRuleModules(values.rules ?? []) : undefined;
    const schema =
      registry === undefined ? scheduleJsonSchema() : blamingRulePlugins(registry, 'while its JSON Schema was made', monitorJsonSchema);
    io.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  },
});
