// Rounding in the logarithm or in a partial sum may leave an exact restart step a few ulps short
// of its computed start; within this slack (relative to the step) a step belongs to the cycle
// that begins there. Whole-number multipliers need none: their powers and sums are exact.
const slack = 8 * Number.EPSILON;

/** Which cycle holds a step, and how far through it the step is. */
export interface CyclePosition {
  /** The cycle (from 0); `Infinity` past the end of shrinking cycles. */
  index: number;
  /** How far through that cycle, in [0, 1]. */
  fraction: number;
}

/**
 * Where `step` lies in cycles whose lengths change geometrically (SGDR's restarts): cycle i
 * (from 0) lasts `first · tMulⁱ` and starts at `S(i) = first · (tMulⁱ − 1) / (tMul − 1)`
 * (`first · i` if tMul = 1). Returns the cycle `index` i holding `step` and the `fraction`
 * `(step − S(i)) / (first · tMulⁱ)` of it that has passed; an exact restart step gives the
 * new cycle at fraction 0. Pass `into` to reuse one record (no allocation per step).
 *
 * Closed form (a logarithm, corrected against the partial sums next to a restart), so step 1e12
 * costs what step 1 costs. Total: for every step in [0, Number.MAX_VALUE], first > 0 and
 * tMul > 0 the index is a finite whole number and the fraction in [0, 1], except that
 * shrinking cycles (tMul < 1) all end by `first / (1 − tMul)`, past which the index is
 * `Infinity`. Where the arithmetic would overflow (a huge step or tMul) both come from
 * logarithms alone; the index saturates at `Number.MAX_VALUE`.
 *
 * @example geometricCycle(300, 100, 2) // { index: 2, fraction: 0 }: the third cycle (400 steps) begins
 * @example geometricCycle(400, 100, 2) // { index: 2, fraction: 0.25 }
 */
export function geometricCycle(step: number, first: number, tMul: number, into: CyclePosition = { index: 0, fraction: 0 }): CyclePosition {
  const u = step / first; // in units of the first cycle; Infinity if step / first overflows
  if (tMul === 1) {
    const index = Math.min(Math.floor(u), Number.MAX_VALUE);
    return place(into, index, u < Infinity ? u - index : 0);
  }
  const tm1 = tMul - 1;
  const logT = Math.log1p(tm1);
  const x = u * tm1;
  if (x <= -1) return place(into, Infinity, 0); // shrinking cycles, all of them over
  if (x === Infinity) {
    // u·(tMul − 1) overflows: 1 + u·(tMul − 1) is u·(tMul − 1) to every digit, and the fraction
    // comes from 1 + f·(tMul − 1) = exp(log(u·(tMul − 1)) − i·log tMul), never from a power.
    const logY = (u < Infinity ? Math.log(u) : Math.log(step) - Math.log(first)) + Math.log(tm1);
    const index = Math.min(Math.floor(logY / logT), Number.MAX_VALUE);
    return place(into, index, Math.expm1(logY - index * logT) / tm1);
  }
  const wholeMultiplier = Number.isInteger(tMul);
  // Partial sums (tMulⁱ − 1) / (tMul − 1) in units of `first`. Near 1 the power cancels against
  // the 1, so expm1 takes over there (within a few ulps, where the plain form loses most digits).
  const start = (i: number) => {
    const e = i * logT;
    return (!wholeMultiplier && e < 1 ? Math.expm1(e) : tMul ** i - 1) / tm1;
  };
  // Invert the series: i = floor(log_tMul(1 + u·(tMul − 1))) ...
  const estimate = Math.log1p(x) / logT;
  let i = Math.floor(estimate);
  // ... which can land one cycle off next to a restart (its error is a few ulps of the
  // estimate, far inside this window); there the partial sums decide.
  const part = estimate - i;
  const window = 1e-9 * (1 + estimate);
  if (part < window || part > 1 - window) {
    const tolerance = wholeMultiplier ? 0 : u * slack;
    if (u < start(i) - tolerance) i -= 1;
    else if (u >= start(i + 1) - tolerance) i += 1;
  }
  return place(into, i, (u - start(i)) / tMul ** i);
}

// Rounding can leave the fraction an ulp outside [0, 1] (or the log path a little more).
function place(into: CyclePosition, index: number, fraction: number): CyclePosition {
  into.index = index;
  into.fraction = Math.min(Math.max(fraction, 0), 1);
  return into;
}
