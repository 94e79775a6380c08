import { AnnealError, buildSchedule, describeValue, parseScheduleConfig } from '@anneal/core';
import { defineCommand } from '../command.js';
import { readJsonFile } from '../input.js';

/** `anneal validate`: `ok`, or every problem of a config with its path. */
export const validateCommand = defineCommand({
  summary: 'check a schedule config and list every problem with its path',
  help: `Usage: anneal validate <config.json>

Checks the schedule config in <config.json> ("-" reads standard input).
Prints "ok" and exits 0, or prints one line per problem, "path: rule (got value)",
on standard error and exits 1.

Options:
  -h, --help  show this help`,
  options: {},
  arguments: ['config'],
  async run({ positionals }, io) {
    const json = await readJsonFile(positionals[0] as string, io);
    try {
      // Building too catches any rule a factory checks beyond its schema.
      buildSchedule(parseScheduleConfig(json));
    } catch (error) {
      if (!(error instanceof AnnealError)) throw error;
      for (const issue of error.issues) {
        io.stderr.write(`${issue.path || '(root)'}: ${issue.rule} (got ${describeValue(issue.value)})\n`);
      }
      return 1;
    }
    io.stdout.write('ok\n');
    return 0;
  },
});
