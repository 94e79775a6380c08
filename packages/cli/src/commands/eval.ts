import { buildSchedule, evaluate, parseScheduleConfig } from '@anneal/core';
import { defineCommand, usageError } from '../command.js';
import { fileName, readJsonFile } from '../input.js';
import type { Writer } from '../io.js';
import { parseStepsSpec } from '../steps-spec.js';

const formats = ['json', 'csv'] as const;

/** `anneal eval`: a schedule config evaluated at the given steps. */
export const evalCommand = defineCommand({
  summary: 'evaluate a schedule config at the given steps',
  help: `Usage: anneal eval <config.json> --steps <spec> [--format json|csv]

Evaluates the schedule described by <config.json> ("-" reads standard input).

Options:
  --steps <spec>     start:stop[:stride] (stop exclusive) or a comma list, e.g. 0:1000:10 or 0,500,1000
  --format <format>  json (default): {"steps":[...],"lr":[...]}; csv: a step,lr header then one line per step
  -h, --help         show this help

Exit status: 0 ok, 1 invalid config (the message names the field), 2 wrong usage.`,
  options: {
    steps: { type: 'string' },
    format: { type: 'string', default: 'json' },
  },
  arguments: ['config'],
  async run({ values, positionals }, io) {
    const format = values.format as (typeof formats)[number];
    if (!formats.includes(format)) throw usageError(`--format must be json or csv (got "${format}")`, '--format', format);
    if (values.steps === undefined) throw usageError('missing option --steps <spec>', '--steps');
    // Usage is checked before the file is read, so a typo costs no I/O and gets exit 2.
    const steps = parseStepsSpec(values.steps);
    const path = positionals[0] as string;
    const schedule = buildSchedule(parseScheduleConfig(await readJsonFile(path, io), `schedule config in ${fileName(path)}`));
    const lr = evaluate(schedule, steps);
    if (format === 'csv') writeCsv(io.stdout, steps, lr);
    else writeJson(io.stdout, steps, lr);
    return 0;
  },
});

// Output goes out in chunks: ten million steps would not fit one string.
const chunk = 65_536;

function writeJson(out: Writer, steps: Float64Array, lr: Float64Array): void {
  out.write('{"steps":');
  writeJsonArray(out, steps);
  out.write(',"lr":');
  writeJsonArray(out, lr);
  out.write('}\n');
}

function writeJsonArray(out: Writer, values: Float64Array): void {
  out.write('[');
  for (let i = 0; i < values.length; i += chunk) {
    // A typed array joins with the shortest round-trip form of each number, as JSON.stringify would.
    out.write((i === 0 ? '' : ',') + values.subarray(i, i + chunk).join(','));
  }
  out.write(']');
}

function writeCsv(out: Writer, steps: Float64Array, lr: Float64Array): void {
  out.write('step,lr\n');
  for (let i = 0; i < steps.length; i += chunk) {
    let text = '';
    const end = Math.min(i + chunk, steps.length);
    for (let j = i; j < end; j++) text += `${steps[j]},${lr[j]}\n`;
    out.write(text);
  }
}
