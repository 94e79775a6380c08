import { buildSchedule, evaluate, parseScheduleConfig, type Schedule } from '@anneal/core';
import { defineCommand, usageError } from '../command.js';
import { fileName, readJsonFile } from '../input.js';
import type { Writer } from '../io.js';
import type { StepSequence } from '../step-sequence.js';
import { parseStepSequence } from '../steps-spec.js';

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
    const steps = parseStepSequence(values.steps);
    const path = positionals[0] as string;
    const schedule = buildSchedule(parseScheduleConfig(await readJsonFile(path, io), `schedule config in ${fileName(path)}`));
    if (format === 'csv') await writeCsv(io.stdout, steps, schedule);
    else await writeJson(io.stdout, steps, schedule);
    return 0;
  },
});

// Steps are made, evaluated and written a slice at a time, each slice once the reader has
// taken the one before: memory stays a few slices whatever the range or the reader's pace
// (20 million steps to a slow pipe held 1.2 GB when the whole output was queued at once).
const slice = 65_536;

/** Each slice of the steps (into one reused buffer), the next once the reader took what was written. */
async function eachSlice(out: Writer, steps: StepSequence, each: (steps: Float64Array, from: number) => void): Promise<void> {
  const buffer = new Float64Array(slice);
  for (let from = 0; from < steps.length; from += slice) {
    each(steps.slice(from, buffer), from);
    await out.drained?.();
  }
}

async function writeJson(out: Writer, steps: StepSequence, schedule: Schedule): Promise<void> {
  // A typed array joins with the shortest round-trip form of each number, as JSON.stringify would.
  const rates = new Float64Array(slice);
  out.write('{"steps":[');
  await eachSlice(out, steps, (part, from) => out.write((from === 0 ? '' : ',') + part.join(',')));
  out.write('],"lr":[');
  await eachSlice(out, steps, (part, from) => out.write((from === 0 ? '' : ',') + evaluate(schedule, part, rates).join(',')));
  out.write(']}\n');
}

async function writeCsv(out: Writer, steps: StepSequence, schedule: Schedule): Promise<void> {
  const rates = new Float64Array(slice);
  out.write('step,lr\n');
  await eachSlice(out, steps, (part) => {
    const lr = evaluate(schedule, part, rates);
    let text = '';
    for (let j = 0; j < part.length; j++) text += `${part[j]},${lr[j]}\n`;
    out.write(text);
  });
}
