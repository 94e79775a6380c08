import * as z from 'zod/mini';
import { AnnealError, parseOrThrow } from './errors.js';
import { batchLoopFor } from './batch-loop.js';
import type { Schedule } from './schedule.js';

/** Steps from `start` (inclusive) to `stop` (exclusive) by `stride` (default 1). */
export const stepRangeSchema = z.strictObject({
  start: z.number().check(z.nonnegative('must be a finite number >= 0')),
  stop: z.number(),
  stride: z._default(z.number().check(z.positive('must be > 0')), 1),
});
export type StepRange = z.input<typeof stepRangeSchema>;

/** Either explicit steps or a range. */
export type Steps = ArrayLike<number> | StepRange;

/**
 * Most steps one call materialises (2^28, 2 GiB of doubles): a longer range or list is
 * refused with `INVALID_STEPS` instead of failing in the allocator. Evaluate in pieces,
 * or pass your own `out` buffer to `evaluate`.
 */
export const maxStepsLength = 2 ** 28;

const stepsRule = 'must be an array of steps or a range { start, stop, stride? }';
const tooLong = (n: number) => `holds ${n} steps, more than ${maxStepsLength} (evaluate in pieces)`;

function stepsError(path: string, value: unknown, rule: string, subject = 'steps'): AnnealError {
  return new AnnealError('INVALID_STEPS', { subject, issues: [{ path, value, rule }] });
}

/** Anything but a function would fail inside the loop with a bare TypeError. */
function checkSchedule(schedule: unknown, path: string): void {
  if (typeof schedule === 'function') return;
  throw new AnnealError('INVALID_OPTIONS', {
    subject: 'schedules to evaluate',
    issues: [{ path, value: schedule, rule: 'must be a schedule (a function of the step, as fromConfig returns)' }],
  });
}

/** Tells a range from explicit steps, refusing anything else (null, a number, a string). */
function isRange(steps: Steps): steps is StepRange {
  if (steps === null || typeof steps !== 'object') throw stepsError('', steps, stepsRule);
  if (!('length' in steps)) return true;
  const { length } = steps;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) throw stepsError('length', length, stepsRule);
  if (length > maxStepsLength) throw stepsError('length', length, tooLong(length));
  return false;
}

/** A range, validated once: its first step, its stride and how many steps it holds. */
function parseRange(range: StepRange): { start: number; stride: number; n: number } {
  const { start, stop, stride } = parseOrThrow(stepRangeSchema, range, 'step range', 'INVALID_STEPS');
  return { start, stride, n: Math.max(0, Math.ceil((stop - start) / stride)) };
}

/** A range that must be materialised: refused when longer than `maxStepsLength`. */
function parseAllocatedRange(range: StepRange): { start: number; stride: number; n: number } {
  const parsed = parseRange(range);
  if (parsed.n > maxStepsLength) throw stepsError('', range, tooLong(parsed.n));
  return parsed;
}

/**
 * Number of steps a range holds, `max(0, ceil((stop − start) / stride))`; validates it.
 *
 * @example rangeLength({ start: 0, stop: 1000, stride: 30 }) // 34
 */
export function rangeLength(range: StepRange): number {
  return parseRange(range).n;
}

/** Throws unless every step is finite and >= 0. */
function checkSteps(steps: Float64Array): Float64Array {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as number;
    if (!(step >= 0) || step === Infinity) throw stepsError(`[${i}]`, step, 'must be a finite number >= 0');
  }
  return steps;
}

/**
 * Materialises steps into a new Float64Array (validated: finite, >= 0).
 *
 * @example stepsToArray({ start: 0, stop: 10, stride: 5 }) // Float64Array [0, 5]
 */
export function stepsToArray(steps: Steps): Float64Array {
  if (isRange(steps)) {
    const { start, stride, n } = parseAllocatedRange(steps);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = start + i * stride;
    return out;
  }
  return checkSteps(Float64Array.from(steps));
}

/**
 * Evaluates one schedule at many steps into a Float64Array. The loop does no
 * allocation per step; pass `out` to reuse a buffer. Long batches run in a loop
 * compiled for this schedule, so the call inlines (see batch-loop.ts). A
 * Float64Array of steps is read in place (checked, not copied).
 *
 * @example evaluate(exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 }), { start: 0, stop: 1000 })
 */
export function evaluate(schedule: Schedule, steps: Steps, out?: Float64Array): Float64Array {
  checkSchedule(schedule, 'schedule');
  if (isRange(steps)) {
    const { start, stride, n } = out === undefined ? parseAllocatedRange(steps) : parseRange(steps);
    return batchLoopFor(schedule, n)(schedule, outputBuffer(out, n), null, start, stride, n);
  }
  // In place unless `out` is a shifted view of the same memory (a write could land on a step not yet read).
  const inPlace = steps instanceof Float64Array && (out === undefined || out.buffer !== steps.buffer || out.byteOffset === steps.byteOffset);
  return evaluateChecked(schedule, inPlace ? checkSteps(steps as Float64Array) : stepsToArray(steps), out);
}

/** The loop over steps already checked. */
function evaluateChecked(schedule: Schedule, steps: Float64Array, out?: Float64Array): Float64Array {
  const n = steps.length;
  return batchLoopFor(schedule, n)(schedule, outputBuffer(out, n), steps, 0, 1, n);
}

function outputBuffer(out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (!(out instanceof Float64Array)) throw stepsError('out', out, 'must be a Float64Array', 'output buffer');
  if (out.length < length) throw stepsError('out', out.length, `must hold at least ${length} values`, 'output buffer');
  return out.length === length ? out : out.subarray(0, length);
}

/**
 * Evaluates several named schedules over the same steps (validated and materialised once).
 *
 * @example
 * const { steps, values } = run(
 *   { tf: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 }), torch: stepLR({ initialLearningRate: 0.1, stepSize: 100, gamma: 0.5 }) },
 *   { start: 0, stop: 1000, stride: 10 },
 * );
 * values.torch[15]; // 0.05 (step 150)
 */
export function run<N extends string>(
  schedules: Readonly<Record<N, Schedule>>,
  steps: Steps,
): { steps: Float64Array; values: Record<N, Float64Array> } {
  if (schedules === null || typeof schedules !== 'object') {
    throw new AnnealError('INVALID_OPTIONS', {
      subject: 'schedules to evaluate',
      issues: [{ path: '', value: schedules, rule: 'must be an object of named schedules' }],
    });
  }
  for (const name of Object.keys(schedules)) checkSchedule(schedules[name as N], name);
  const stepArray = stepsToArray(steps);
  const values = {} as Record<N, Float64Array>;
  for (const name of Object.keys(schedules) as N[]) values[name] = evaluateChecked(schedules[name], stepArray);
  return { steps: stepArray, values };
}
