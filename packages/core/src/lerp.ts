/**
 * The point a fraction `f` (in [0, 1]) of the way from `from` to `to`, as the convex mix
 * `from·(1 − f) + to·f`, clamped to the interval between the two ends: rounding can land an
 * ulp outside it (below 0 when an end is 0, or to Infinity when both ends are near
 * `Number.MAX_VALUE`), the clamp cannot. Exact at both ends.
 *
 * @example lerp(0.1, 0.001, 0.5) // 0.0505
 */
export function lerp(from: number, to: number, f: number): number {
  const value = from * (1 - f) + to * f;
  return from <= to ? Math.min(Math.max(value, from), to) : Math.min(Math.max(value, to), from);
}
