import { evaluate, type Schedule } from '@anneal/core';
import { createM4, type XY } from './downsample.js';

/** Columns of the M4 downsampling: more than the chart's 600 px, so every pixel column has its own. */
export const defaultBuckets = 1000;

// Values are computed in slices of this many steps into one reused buffer, so a long
// range costs the step array and O(buckets), not a second array of its length.
const chunk = 65_536;

/**
 * The points of `schedule` to draw over `steps`: every step when there are at most
 * `4 · buckets` of them, otherwise the M4 reduction of all of them (see `createM4`),
 * which keeps the noise envelope and every staircase jump. Values come from
 * `evaluate` of @anneal/core; x is ascending either way.
 *
 * @example sampleSchedule(fromConfig(config), parseStepsSpec('0:1000000')) // ≤ 4000 points
 */
export function sampleSchedule(schedule: Schedule, steps: Float64Array, buckets = defaultBuckets): XY {
  if (steps.length <= 4 * buckets) return sortByX(steps, evaluate(schedule, steps));
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < steps.length; i++) {
    const x = steps[i] as number;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
  }
  const m4 = createM4(xMin, xMax, buckets);
  const buffer = new Float64Array(chunk);
  for (let i = 0; i < steps.length; i += chunk) {
    const slice = steps.subarray(i, i + chunk);
    m4.add(slice, evaluate(schedule, slice, buffer));
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
