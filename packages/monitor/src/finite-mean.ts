// Means of finite metrics that stay finite: the smoothed value and greedy's rolling mean
// become the monitor's best, which a snapshot must carry, so neither may be ±Infinity.

/** `x` held within ±Number.MAX_VALUE. */
export const saturate = (x: number): number => Math.min(Math.max(x, -Number.MAX_VALUE), Number.MAX_VALUE);

export function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** The mean of finite values; where their sum overflows (two values of 1e308), each term is divided first. */
export function meanOf(values: readonly number[]): number {
  const sum = sumOf(values);
  if (Number.isFinite(sum)) return sum / values.length;
  let mean = 0;
  for (const v of values) mean += v / values.length;
  return saturate(mean);
}
