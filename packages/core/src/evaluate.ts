import { z } from 'zod';
import { AnnealError, parseOrThrow } from './errors.js';
import { batchLoopFor } from './batch-loop.js';
import type { Schedule } from './schedule.js';

/** Steps from `start` (inclusive) to `stop` (exclusive) by `stride` (default 1). */
export const stepRangeSchema = z.strictObject({
  start: z.number().nonnegative('must be a finite number >= 0'),
  stop: z.number(),
  stride: z.number().positive('must be > 0').default(1),
});
export type StepRange = z.input<typeof stepRangeSchema>;

/** Either explicit steps or a range. */
export type Steps = ArrayLike<number> | StepRange;

function isRange(steps: Steps): steps is StepRange {
  return !('length' in steps);
}

/** Number of steps a range holds; validates it. */
export function rangeLength(range: StepRange): number {
  const { start, stop, stride } = parseOrThrow(stepRangeSchema, range, 'step range', 'INVALID_STEPS');
  return Math.max(0, Math.ceil((stop - start) / stride));
}

/** Materialises steps into a Float64Array (validated: finite, >= 0). */
export function stepsToArray(steps: Steps): Float64Array {
  if (isRange(steps)) {
    const { start, stride } = stepRangeSchema.parse(steps);
    const out = new Float64Array(rangeLength(steps));
    for (let i = 0; i < out.length; i++) out[i] = start + i * stride;
    return out;
  }
  const out = Float64Array.from(steps);
  for (let i = 0; i < out.length; i++) {
    const step = out[i] as number;
    if (!(step >= 0) || step === Infinity) {
      throw new AnnealError('INVALID_STEPS', `Invalid steps: [${i}]: must be a finite number >= 0 (got ${step})`, [
        { path: `[${i}]`, value: step, rule: 'must be a finite number >= 0' },
      ]);
    }
  }
  return out;
}

/**
 * Evaluates one schedule at many steps into a Float64Array. The loop does no
 * allocation per step; pass `out` to reuse a buffer. Long batches run in a loop
 * compiled for this schedule, so the call inlines (see batch-loop.ts).
 *
 * @example evaluate(exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 }), { start: 0, stop: 1000 })
 */
export function evaluate(schedule: Schedule, steps: Steps, out?: Float64Array): Float64Array {
  if (isRange(steps)) {
    const n = rangeLength(steps);
    const { start, stride } = stepRangeSchema.parse(steps);
    return batchLoopFor(schedule, n)(schedule, outputBuffer(out, n), null, start, stride, n);
  }
  const values = stepsToArray(steps);
  const n = values.length;
  return batchLoopFor(schedule, n)(schedule, outputBuffer(out, n), values, 0, 1, n);
}

function outputBuffer(out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length < length) {
    throw new AnnealError('INVALID_STEPS', `Invalid output buffer: holds ${out.length} values, needs ${length}`, [
      { path: 'out', value: out.length, rule: `must hold at least ${length} values` },
    ]);
  }
  return out.length === length ? out : out.subarray(0, length);
}

/** Evaluates several named schedules over the same steps. */
export function run<N extends string>(
  schedules: Readonly<Record<N, Schedule>>,
  steps: Steps,
): { steps: Float64Array; values: Record<N, Float64Array> } {
  const stepArray = stepsToArray(steps);
  const values = {} as Record<N, Float64Array>;
  for (const name of Object.keys(schedules) as N[]) values[name] = evaluate(schedules[name], stepArray);
  return { steps: stepArray, values };
}
