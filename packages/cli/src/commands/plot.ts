import { defineCommand, usageError } from '../command.js';
import { readJsonFile } from '../input.js';
import { finderChartSpec, finderResultIn, rememberReads } from '../plot/finder-chart.js';
import { type NamedSchedule, readNamedSchedules } from '../plot/named-schedules.js';
import { renderSvg } from '../plot/render-svg.js';
import { sampleSchedule } from '../plot/sample.js';
import { scheduleChartSpec } from '../plot/schedule-chart.js';
import { writeOutput } from '../plot/write-output.js';
import { parseStepSequence } from '../steps-spec.js';

/** `anneal plot`: schedules drawn as one SVG chart, one line each. */
export const plotCommand = defineCommand({
  summary: 'draw schedule configs as an SVG line chart',
  help: `Usage: anneal plot <config.json> [more.json ...] --steps <spec> -o <chart.svg> [--title T] [--log-y] [--spec out.vl.json]

Draws every schedule of the config files in one chart, one line each, with a legend.
A file holds one schedule ({"kind": ...}, named after the file) or a map of names to
schedules ({"warm": {"kind": ...}, "cold": {...}}, named by its keys).

A saved learning-rate range test (the JSON of findLearningRate's result) is drawn as
loss against rate, log x, smoothed over raw, its suggestions marked; --steps is not used:
  anneal plot lr-find.json -o lr-find.svg

Options:
  --steps <spec>       start:stop[:stride] (stop exclusive) or a comma list, e.g. 0:10000
  -o, --output <file>  where the SVG goes ("-" for standard output)
  --title <text>       chart title
  --log-y              logarithmic learning-rate axis; points at rate 0 (which a log
                       axis cannot show) are left out, and a note on the chart says so
  --spec <file>        also write the Vega-Lite spec, to restyle the chart
  -h, --help           show this help

Long ranges are reduced per series to at most 4000 points by M4 (first, last, min and
max of each of 1000 columns), which keeps staircase jumps and noise bands as drawn.

Exit status: 0 ok, 1 invalid config (the message names the file and the field),
2 wrong usage (also an empty range).`,
  options: {
    steps: { type: 'string' },
    output: { type: 'string', short: 'o' },
    title: { type: 'string' },
    'log-y': { type: 'boolean', default: false },
    spec: { type: 'string' },
  },
  arguments: ['config', 'more...?'],
  async run({ values, positionals }, processIo) {
    const io = rememberReads(processIo); // the finder check below may read standard input first
    // Without --steps, one file may be a saved range test (unreadable, it is the usage error below).
    const single = values.steps === undefined && positionals.length === 1 ? (positionals[0] as string) : null;
    const json = single === null ? undefined : await readJsonFile(single, io).catch(() => undefined);
    const finder = single === null || json === undefined ? null : finderResultIn(json, single);
    if (finder !== null) {
      if (values.output === undefined) throw usageError('missing option -o, --output <file>', '--output');
      const spec = finderChartSpec(finder, { title: values.title });
      if (values.spec !== undefined) await writeOutput(values.spec, `${JSON.stringify(spec, null, 2)}\n`, io, '--spec');
      await writeOutput(values.output, await renderSvg(spec), io, '--output');
      return 0;
    }
    if (values.steps === undefined) throw usageError('missing option --steps <spec>', '--steps');
    if (values.output === undefined) throw usageError('missing option -o, --output <file>', '--output');
    const steps = parseStepSequence(values.steps);
    if (steps.length === 0) {
      throw usageError(`--steps "${values.steps}" holds no step (stop is exclusive: 0:1000 is steps 0 to 999)`, '--steps', values.steps);
    }
    const schedules: NamedSchedule[] = [];
    for (const path of positionals) schedules.push(...(await readNamedSchedules(path, io)));
    assertUniqueNames(schedules, positionals);
    const series = schedules.map(({ name, schedule }) => ({ name, ...sampleSchedule(schedule, steps) }));
    const spec = scheduleChartSpec(series, { title: values.title, logY: values['log-y'] });
    const svg = await renderSvg(spec);
    if (values.spec !== undefined) await writeOutput(values.spec, `${JSON.stringify(spec, null, 2)}\n`, io, '--spec');
    await writeOutput(values.output, svg, io, '--output');
    return 0;
  },
});

/** Two lines with one legend name could not be told apart. */
function assertUniqueNames(schedules: readonly NamedSchedule[], files: readonly string[]): void {
  const seen = new Set<string>();
  for (const { name } of schedules) {
    if (seen.has(name)) {
      throw usageError(
        `two schedules are named "${name}" (from ${files.join(', ')}); rename a file or use a map {"name": config} to tell them apart`,
        'config',
        name,
      );
    }
    seen.add(name);
  }
}
