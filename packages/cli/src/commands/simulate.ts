import { AnnealError } from '@anneal/core';
import { createMonitor, type Decision } from '@anneal/monitor';
import { defineCommand, usageError } from '../command.js';
import { readJsonFile } from '../input.js';
import type { MetricsLogEntry, MetricsLogFormat } from '../metrics-log.js';
import { metricsLogName } from '../metrics-log.js';
import { openMetricsLog } from '../metrics-log-reader.js';
import { blamingRulePlugins, isRulePluginError, registryWithRuleModules } from '../rule-modules.js';
import { createRunRecorder, defaultBuckets, type RunRange, writeSimulationPlot } from '../plot/index.js';

const formats = ['auto', 'jsonl', 'csv'] as const;

/** `anneal simulate`: a monitor config replayed over a metrics log, one JSON line per observation. */
export const simulateCommand = defineCommand({
  summary: 'replay a metrics log through a monitor config and print the rates and decisions',
  help: `Usage: anneal simulate <monitor.json> --metrics <file> [--rules rules.js ...] [--format auto|jsonl|csv] [--all-events] [--plot run.svg]

Feeds every observation of the metrics log to the monitor described by <monitor.json>
("-" reads standard input) and prints one JSON line per observation:

  {"index":0,"step":1,"epoch":null,"value":0.42,"lr":0.1,"events":[]}
  {"index":7,"step":8,"epoch":null,"value":0.45,"lr":0.01,"events":[{"type":"drop","rule":"plateau","from":0.1,"to":0.01,"reason":"..."}]}

"lr" is the rate in effect after the observation; "value" is the monitored metric (null
when missing); NaN and infinities print as the strings "NaN", "Infinity", "-Infinity".
Events are the rate changes (drop, restart, stop) and nan and skip; --all-events adds
improve and badEvaluation.

Metrics log formats (picked by extension .jsonl/.ndjson/.json or .csv, else by content):
  JSONL  one object per line: {"step": 100, "epoch": 1, "metrics": {"val_loss": 0.31}};
         step and epoch optional; a metric may be "NaN", "Infinity" or "-Infinity".
  CSV    a header line; columns step and epoch (optional), every other column a metric;
         an empty cell is a missing value.

Options:
  --metrics <file>   the metrics log ("-" for standard input)
  --format <format>  auto (default), jsonl or csv
  --rules <module>   an ES module exporting rule plugins (made by defineRule) that the
                     config uses besides the built-in rules; may be repeated
  --all-events       also list improve and badEvaluation events
  --plot <file>      also draw the run as SVG: the metric above, the learning rate below
                     (log scale past a decade), drops, restarts and stop marked; x is
                     the step, or the epoch when the log gives epochs and no steps;
                     a run of more than 4000 observations is reduced per line by M4
                     like anneal plot (envelope, rate jumps and gaps kept)
  -h, --help         show this help

Exit status: 0 ok, 1 invalid input (bad config, or a bad line of the log: the message
names the line and the field), 2 wrong usage.`,
  options: {
    metrics: { type: 'string' },
    format: { type: 'string', default: 'auto' },
    'all-events': { type: 'boolean', default: false },
    plot: { type: 'string' },
    rules: { type: 'string', multiple: true },
  },
  arguments: ['monitor'],
  async run({ values, positionals }, io) {
    const format = values.format as (typeof formats)[number];
    if (!formats.includes(format)) throw usageError(`--format must be auto, jsonl or csv (got "${format}")`, '--format', format);
    if (values.metrics === undefined) throw usageError('missing option --metrics <file>', '--metrics');
    if (values.plot === '-') throw usageError('--plot needs a file: standard output carries the JSON lines', '--plot', '-');
    const configPath = positionals[0] as string;
    if (configPath === '-' && values.metrics === '-') {
      throw usageError('the config and --metrics cannot both be read from standard input', '--metrics', '-');
    }

    const registry = await registryWithRuleModules(values.rules ?? []);
    const json = await readJsonFile(configPath, io);
    const monitor = blamingRulePlugins(registry, 'while validating the config', (known) => createMonitor(json, { registry: known }));
    const log = await openMetricsLog(values.metrics, io, format === 'auto' ? undefined : (format as MetricsLogFormat));
    // Two passes over the log, neither keeping it: the first checks every line before
    // anything runs (and gives the chart its x range), the second replays it.
    const extent = runExtent();
    await log.forEach(extent.add);
    const { metric } = monitor.config;
    const allEvents = values['all-events'] === true;
    // The chart's points, reduced as they come for a long run (see createRunRecorder).
    const recorder = values.plot === undefined ? undefined : createRunRecorder(defaultBuckets, extent.range());

    let out = '';
    let index = 0;
    await log.forEach(({ line, observation }) => {
      let decisions: readonly Decision[];
      try {
        decisions = monitor.observe(observation);
      } catch (error) {
        if (!(error instanceof AnnealError)) throw error;
        io.stdout.write(out); // what was replayed so far stands
        // A plugin that threw, or proposed a change the monitor refused: the rule's fault, not the log's.
        if (error.code === 'INVALID_PROPOSAL' || isRulePluginError(error)) {
          throw new AnnealError(error.code, `${error.message} (${log.name}, line ${line})`, error.issues, { cause: error });
        }
        throw atLine(error, values.metrics as string, line);
      }
      const events = decisions.filter((d) => allEvents || (d.type !== 'improve' && d.type !== 'badEvaluation')).map(eventOf);
      const record = {
        index,
        step: monitor.state.step,
        epoch: observation.epoch ?? null,
        // Own properties only: a metric named "constructor" must not print Object.prototype's.
        value: Object.hasOwn(observation.metrics, metric) ? observation.metrics[metric] : null,
        lr: monitor.lr,
        events,
      };
      out += `${JSON.stringify(record, spellNonFinite)}\n`;
      recorder?.add({ ...record, step: record.step ?? index, events: decisions });
      index++;
      if (out.length >= 65_536) {
        io.stdout.write(out);
        out = '';
      }
    });
    io.stdout.write(out);
    if (values.plot !== undefined && recorder !== undefined) {
      await writeSimulationPlot(values.plot, recorder.chart({ metric, logHasSteps: extent.hasSteps() }), io);
    }
    return 0;
  },
});

/**
 * What the checking pass learns of a run for its chart: its length, whether the log
 * gives steps, and the x range on the axis the chart will use. The steps are the
 * monitor's: the log's, or one after the last when a line gives none.
 */
function runExtent() {
  let count = 0;
  let hasSteps = false;
  let everyEpoch = true;
  let last = 0;
  const step = { min: Infinity, max: -Infinity };
  const epoch = { min: Infinity, max: -Infinity };
  const widen = (extent: { min: number; max: number }, x: number) => {
    if (x < extent.min) extent.min = x;
    if (x > extent.max) extent.max = x;
  };
  return {
    add({ observation }: MetricsLogEntry): void {
      hasSteps ||= observation.step !== undefined;
      last = observation.step ?? (count === 0 ? 0 : last) + 1;
      widen(step, last);
      if (typeof observation.epoch === 'number') widen(epoch, observation.epoch);
      else everyEpoch = false;
      count++;
    },
    hasSteps: () => hasSteps,
    /** As `createRunRecorder` draws it: by epoch when the log has epochs and no steps. */
    range(): RunRange {
      const axis = !hasSteps && everyEpoch ? 'epoch' : 'step';
      const { min, max } = axis === 'epoch' ? epoch : step;
      return { axis, count, xMin: min, xMax: max };
    },
  };
}

/** A decision as printed: its step is the line's, so it is left out; key order as documented. */
function eventOf(d: Decision): Record<string, unknown> {
  switch (d.type) {
    case 'drop':
    case 'raise':
      return { type: d.type, rule: d.rule, from: d.from, to: d.to, reason: d.reason };
    case 'restart':
      return { type: d.type, rule: d.rule, from: d.from, to: d.to, restart: d.restart, reason: d.reason };
    case 'stop':
    case 'skip':
      return { type: d.type, rule: d.rule, reason: d.reason };
    case 'nan':
      return { type: d.type, metric: d.metric, value: d.value };
    case 'improve':
      return { type: d.type, value: d.value, previous: d.previous };
    case 'badEvaluation':
      return { type: d.type, value: d.value, best: d.best, count: d.count };
  }
}

/** JSON has no NaN or infinities; print them as the strings the metrics log accepts. */
function spellNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/** The monitor's complaint about an observation, placed at its line of the log (the monitor's error as cause). */
function atLine(error: AnnealError, path: string, line: number): AnnealError {
  return new AnnealError(error.code, {
    subject: metricsLogName(path),
    issues: error.issues.map((issue) => ({ ...issue, path: issue.path === '' ? `line ${line}` : `line ${line}: ${issue.path}` })),
    cause: error,
  });
}
