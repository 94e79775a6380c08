import { optionSchemas } from '@anneal/core';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import * as z from 'zod/mini';
import { defineRule, type RuleContext, type RuleOutcome } from '../define-rule.js';
import { windowSizeSchema } from '../window.js';
import { formatValue } from './format.js';

export const slopeOptionsSchema = z.strictObject({
  /** Values in the test: the last `window` finite values since the start or the last drop. */
  window: z._default(windowSizeSchema(3, 'must be >= 3 (the test has window − 2 degrees of freedom)'), 10),
  /** Drop when the one-sided p-value of "still improving" exceeds this. */
  significance: z._default(z.number().check(z.gt(0, 'must be > 0 and < 1'), z.lt(1, 'must be > 0 and < 1')), 0.05),
  /** new rate = rate · factor. */
  factor: z._default(z.number().check(z.gt(0, 'must be > 0 and < 1'), z.lt(1, 'must be > 0 and < 1')), 0.5),
  /** Evaluations after a drop during which values are not collected. */
  cooldown: z._default(optionSchemas.nonNegativeInt(), 0),
});

export type SlopeOptions = z.output<typeof slopeOptionsSchema>;

export const slopeStateSchema = z.object({
  /** The window's values, oldest first (at most `window`). */
  values: z.array(z.number()),
  cooldown: optionSchemas.nonNegativeInt(),
});

export type SlopeState = z.infer<typeof slopeStateSchema>;

/** The least-squares slope of `values` against 0…n−1, its t statistic (sign-adjusted for mode) and p = P(T ≤ t). */
export interface SlopeTest {
  readonly slope: number;
  /** `b / SE(b)` (min mode) or `−b / SE(b)` (max): very negative when clearly improving. */
  readonly t: number;
  /** One-sided p-value that the metric is still improving, Student's t with n − 2 degrees of freedom. */
  readonly p: number;
}

/**
 * The slope test on a window of values: `b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²`,
 * `SE(b) = sqrt(SSR / (n − 2) / Σ(x − x̄)²)`, `t = b / SE(b)` (−b in max mode),
 * `p = P(T ≤ t)` with n − 2 degrees of freedom. A perfect line (SE 0) gives p 0 when its
 * slope points the right way and 1 otherwise (t ±Infinity, or NaN → 1 for a flat line).
 *
 * @example slopeTest([1, 0.9, 0.8, 0.75, 0.72], 'min').p // small: still improving
 */
export function slopeTest(values: readonly number[], mode: 'min' | 'max'): SlopeTest {
  const n = values.length;
  const xMean = (n - 1) / 2;
  let yMean = 0;
  for (const y of values) yMean += y;
  yMean /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - xMean;
    sxx += dx * dx;
    sxy += dx * ((values[i] as number) - yMean);
  }
  const slope = sxy / sxx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    // About the means, as the slope: y − (a + b·x) rounds at the scale of y (t off by 4e-8 at 1e9 + decimals).
    const residual = (values[i] as number) - yMean - slope * (i - xMean);
    ssr += residual * residual;
  }
  const se = Math.sqrt(ssr / (n - 2) / sxx);
  const directed = mode === 'min' ? slope : -slope;
  if (se === 0) {
    const improving = directed < 0;
    return { slope, t: improving ? -Infinity : directed > 0 ? Infinity : Number.NaN, p: improving ? 0 : 1 };
  }
  const t = directed / se;
  return { slope, t, p: tCdf(t, n - 2) };
}

/**
 * `slope` — a statistical plateau test (the SLOPE idea of Lang et al. 2019,
 * microsoft/statopt): once it holds the last `window` finite values since the start or
 * its last drop, it fits the least-squares line of value against position 0…n−1 and asks
 * a one-sided t-test whether the metric is still improving (see `slopeTest`). When
 * p > `significance` it is not: drop by `factor` and start a new window. Every
 * observation after the window fills is a new test on the last `window` values.
 * Non-finite values are not collected (leave them to nanGuard); during `cooldown` after
 * a drop nothing is collected; a warm restart (by any rule) empties the window.
 *
 * @example
 * ```json
 * { "kind": "slope", "window": 5, "significance": 0.05, "factor": 0.5 }
 * ```
 * Losses 1.0, 0.9, 0.8, 0.75, 0.72: slope −0.071, t = −7.47, p = P(T₃ ≤ −7.47) ≈ 0.0025
 * (still improving, no drop). Then 0.73 (p ≈ 0.019 over 0.9 … 0.73) and 0.71 (p ≈ 0.022):
 * still improving. Then 0.72: over 0.75, 0.72, 0.73, 0.71, 0.72 the slope is −0.007,
 * t = −1.85, p ≈ 0.081 > 0.05: the rate halves and a new window starts.
 */
export const slope = defineRule({
  kind: 'slope',
  schema: slopeOptionsSchema,
  stateSchema: slopeStateSchema,
  init: (): SlopeState => ({ values: [], cooldown: 0 }),
  onObservation: ({ options, state, ctx }) => step(options, state, ctx),
  onApplied: ({ state, applied }) => (applied?.type === 'restart' && state.values.length > 0 ? { ...state, values: [] } : state),
});

function step(options: SlopeOptions, state: SlopeState, ctx: RuleContext): RuleOutcome<SlopeState> {
  if (state.cooldown > 0) return { state: { values: state.values, cooldown: state.cooldown - 1 } };
  if (!ctx.finite) return { state };
  const values = state.values.length < options.window ? [...state.values, ctx.value] : [...state.values.slice(1), ctx.value];
  if (values.length < options.window) return { state: { values, cooldown: 0 } };
  const test = slopeTest(values, ctx.mode);
  if (!(test.p > options.significance)) return { state: { values, cooldown: 0 } };
  const reason = `not significantly improving over the last ${options.window} values: slope ${formatValue(test.slope)}, t ${formatValue(test.t)}, p ${formatValue(test.p)} > ${options.significance}`;
  return { state: { values: [], cooldown: options.cooldown }, proposal: { type: 'drop', factor: options.factor, reason } };
}
