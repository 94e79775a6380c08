import { evaluate, type Schedule } from '@anneal/core';
import { allSteps, arraySequence, type StepSequence } from '../step-sequence.js';
import { createM4, type XY } from './downsample.js';

/** Columns of the M4 downsampling: more than the chart's 600 px, so every pixel column has its own. */
export const defaultBuckets = 1000;

// Steps are made and evaluated in slices of this many into reused buffers, so a long
// range costs O(buckets), not arrays of its length.
const chunk = 65_536;

/**
 * The points of `schedule` to draw over `steps`: every step when there are at most
 * `4 · buckets` of them, otherwise the M4 reduction of all of them (see `createM4`),
 * which keeps the noise envelope and every staircase jump. Values come from
 * `evaluate` of @anneal/core; x is ascending either way.
 *
 * @example sampleSchedule(fromConfig(config), parseStepSequence('0:1000000')) // ≤ 4000 points
 */
export function sampleSchedule(schedule: Schedule, steps: Float64Array | StepSequence, buckets = defaultBuckets): XY {
  const sequence = steps instanceof Float64Array ? arraySequence(steps) : steps;
  if (sequence.length <= 4 * buckets) {
    const all = allSteps(sequence);
    return sortByX(all, evaluate(schedule, all));
  }
  const buffer = new Float64Array(chunk);
  const values = new Float64Array(chunk);
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let from = 0; from < sequence.length; from += chunk) {
    for (const x of sequence.slice(from, buffer)) {
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
    }
  }
  const m4 = createM4(xMin, xMax, buckets);
  for (let from = 0; from < sequence.length; from += chunk) {
    const slice = sequence.slice(from, buffer);
    m4.add(slice, evaluate(schedule, slice, values));
  }
  return m4.result();
}

/** A comma list of steps may come in any order; a line is drawn left to right. */
function sortByX(x: Float64Array, y: Float64Array): XY {
  let sorted = true;
  for (let i = 1; i < x.length && sorted; i++) sorted = (x[i - 1] as number) <= (x[i] as number);
  if (sorted) return { x, y };
  const order = Array.from(x.keys()).sort((a, b) => (x[a] as number) - (x[b] as number));
  return { x: Float64Array.from(order, (i) => x[i] as number), y: Float64Array.from(order, (i) => y[i] as number) };
}
