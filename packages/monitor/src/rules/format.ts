/**
 * A metric value or rate for a human-readable reason: four decimals for 0 and for
 * magnitudes in [1e-3, 1e5) ("0.3120"), scientific notation with three decimals outside
 * ("1.000e-5", "1.000e+5").
 */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return x.toExponential(3);
  return x.toFixed(4);
}

/** "1 evaluation" / "3 evaluations". */
export function evaluations(n: number): string {
  return n === 1 ? '1 evaluation' : `${n} evaluations`;
}

/** "best 0.3120 at step 40", or "no finite value yet". */
export function describeBest(best: number | null, bestStep: number | null): string {
  return best === null ? 'no finite value yet' : `best ${formatValue(best)} at step ${bestStep ?? '?'}`;
}
