import { AnnealError, buildSchedule, describeValue, maxListedIssues, parseScheduleConfig } from '@anneal/core';
import { parseMonitorConfig } from '@anneal/monitor';
import { defineCommand, usageError } from '../command.js';
import { fileName, readJsonFile } from '../input.js';
import { boundEchoes } from '../bounded-text.js';
import { blamingRulePlugins, isRulePluginError, registryWithRuleModules } from '../rule-modules.js';

/**
 * Which kind of config a document is: a schedule config names its `kind`; a monitor
 * config names the `metric` it watches (or its `rules`) and has no `kind`.
 */
export function configKindOf(json: unknown): 'schedule' | 'monitor' {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || Object.hasOwn(json, 'kind')) return 'schedule';
  return Object.hasOwn(json, 'metric') || Object.hasOwn(json, 'rules') ? 'monitor' : 'schedule';
}

/** `anneal validate`: `ok`, or every problem of a schedule or monitor config with its path. */
export const validateCommand = defineCommand({
  summary: 'check a schedule or monitor config and list every problem with its path',
  help: `Usage: anneal validate <config.json> [--schedule | --monitor [--rules <module.js>]...]

Checks the config in <config.json> ("-" reads standard input): a schedule config
(it names its "kind") or a monitor config (it names the "metric" it watches).
Prints "ok" and exits 0, or prints one line per problem, "path: rule (got value)",
on standard error and exits 1 (at most ${maxListedIssues} lines, then "and N more").

Options:
  --schedule          validate as a schedule config, whatever it looks like
  --monitor           validate as a monitor config, whatever it looks like
  --rules <module>    an ES module exporting rule plugins the monitor config may use (repeatable)
  -h, --help          show this help`,
  options: {
    schedule: { type: 'boolean' },
    monitor: { type: 'boolean' },
    rules: { type: 'string', multiple: true },
  },
  arguments: ['config'],
  async run({ values, positionals }, io) {
    if (values.schedule === true && values.monitor === true) throw usageError('give --schedule or --monitor, not both', '--monitor');
    const path = positionals[0] as string;
    const json = await readJsonFile(path, io);
    const kind = values.schedule === true ? 'schedule' : values.monitor === true ? 'monitor' : configKindOf(json);
    if (values.rules !== undefined && kind !== 'monitor') {
      throw usageError('--rules is for monitor configs (this one is read as a schedule config; add --monitor)', '--rules');
    }
    const registry = kind === 'monitor' ? await registryWithRuleModules(values.rules ?? []) : undefined;
    try {
      if (registry !== undefined) {
        // A --rules plugin whose schema throws is named with its module, as in simulate.
        blamingRulePlugins(registry, 'while validating the config', (known) => parseMonitorConfig(json, known, `monitor config in ${fileName(path)}`));
      } else {
        // Building too catches any rule a factory checks beyond its schema.
        buildSchedule(parseScheduleConfig(json, `schedule config in ${fileName(path)}`));
      }
    } catch (error) {
      // A throwing plugin is not a problem of the config: its own one-line message says which.
      if (isRulePluginError(error)) throw error;
      if (!AnnealError.is(error) || error.code === 'IO' || error.code === 'USAGE') throw error;
      for (const issue of error.issues.slice(0, maxListedIssues)) {
        // Bounded like every other message: a 1 MB unknown key is quoted by its ends.
        io.stderr.write(`${boundEchoes(`${issue.path || '(root)'}: ${issue.rule} (got ${describeValue(issue.value)})`)}\n`);
      }
      if (error.issues.length > maxListedIssues) io.stderr.write(`and ${error.issues.length - maxListedIssues} more\n`);
      return 1;
    }
    io.stdout.write(kind === 'monitor' ? 'ok (monitor config)\n' : 'ok\n');
    return 0;
  },
});
