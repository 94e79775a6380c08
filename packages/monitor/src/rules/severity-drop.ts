import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';
import { defineRule, type RuleContext } from '../define-rule.js';
import { formatValue } from './format.js';

// The issue's path already names the field, so the message is the rule alone.
const unitInterval = () => z.number().check(z.gt(0, 'must be > 0 and < 1'), z.lt(1, 'must be > 0 and < 1'));

export const severityDropOptionsSchema = z
  .strictObject({
    /** Degradation from the best at which the rule fires (a fraction under `rel`). */
    trigger: z._default(optionSchemas.positive(), 0.1),
    /** The factor for a degradation of exactly `trigger`. */
    baseFactor: z._default(unitInterval(), 0.5),
    /** The strongest drop the rule makes. */
    minFactor: z._default(unitInterval(), 0.01),
    thresholdMode: z._default(z.enum(['rel', 'abs']), 'rel'),
    /** Evaluations after a drop during which the rule does not fire again. */
    cooldown: z._default(optionSchemas.nonNegativeInt(), 0),
  })
  .check(z.superRefine((options, ctx) => {
    if (options.minFactor > options.baseFactor) {
      ctx.addIssue({
        code: 'custom',
        path: ['minFactor'],
        message: `must be <= baseFactor (${options.baseFactor}): it bounds how hard the rule may drop`,
      });
    }
  }));

export type SeverityDropOptions = z.output<typeof severityDropOptionsSchema>;

export const severityDropStateSchema = z.object({
  /** False after a drop until the metric comes back within the trigger. */
  armed: z.boolean(),
  /** Evaluations of cooldown left. */
  cooldown: z.number().check(z.int(), z.nonnegative()),
});

export type SeverityDropState = z.infer<typeof severityDropStateSchema>;

/**
 * How much worse `value` is than `best`, positive when worse: `value − best` (abs) or
 * `(value − best) / |best|` (rel), mirrored in max mode. A relative degradation from a
 * best of exactly 0 is +Infinity when worse (any loss above a perfect 0 is "infinitely"
 * worse), 0 otherwise, so it never turns into NaN.
 */
function degradation(mode: 'min' | 'max', thresholdMode: 'rel' | 'abs', value: number, best: number): number {
  const worse = mode === 'min' ? value - best : best - value;
  if (thresholdMode === 'abs') return worse;
  if (best === 0) return worse > 0 ? Infinity : 0;
  return worse / Math.abs(best);
}

/** The drop factor for a degradation `d >= trigger`: `max(minFactor, baseFactor^(d/trigger))`. */
function severityFactor(options: SeverityDropOptions, d: number): number {
  return Math.max(options.minFactor, options.baseFactor ** (d / options.trigger));
}

function describe(options: SeverityDropOptions, ctx: RuleContext, best: number, d: number, factor: number): string {
  const amount = options.thresholdMode === 'rel' ? `${(d * 100).toFixed(1)}%` : formatValue(d);
  const trigger = options.thresholdMode === 'rel' ? `${(options.trigger * 100).toFixed(1)}%` : formatValue(options.trigger);
  return `${formatValue(ctx.value)} is ${amount} worse than the best ${formatValue(best)} (trigger ${trigger}): factor ${formatValue(factor)}`;
}

/**
 * `severityDrop` — drop at once when the metric worsens past a trigger, and the harder,
 * the worse. With the degradation `d` measured from the best value so far
 * (`rel`: `(value − best) / |best|` for min, `(best − value) / |best|` for max;
 * `abs`: `value − best` / `best − value`), the rule fires when `d ≥ trigger` with
 *
 *     factor = max(minFactor, baseFactor ^ (d / trigger))
 *
 * Worked example (`trigger: 0.25, baseFactor: 0.5, minFactor: 0.1`, rel, min, best 2.0):
 * - value 2.5: d = 0.5/2 = 0.25 = trigger → factor 0.5^1 = 0.5;
 * - value 3.0: d = 1.0/2 = 0.5 → 0.5^(0.5/0.25) = 0.5^2 = 0.25;
 * - value 4.5: d = 2.5/2 = 1.25 → 0.5^5 = 0.03125, floored at minFactor → 0.1;
 * - value 2.25: d = 0.125 < trigger → no drop.
 * (`d ≥ trigger` is tested exactly: 0.5 − 0.4 is 0.09999999999999998 in binary, so pick
 * a trigger a little below a boundary you mean to include.)
 *
 * One spike causes one drop: after firing the rule is disarmed until the metric comes
 * back within the trigger (`d < trigger`), and it stays quiet for `cooldown` further
 * evaluations after the drop. Non-finite values are left to nanGuard and plateau (they
 * neither fire nor re-arm this rule).
 *
 * @example
 * ```json
 * { "kind": "severityDrop", "trigger": 0.25, "baseFactor": 0.5, "minFactor": 0.1 }
 * ```
 */
export const severityDrop = defineRule({
  kind: 'severityDrop',
  schema: severityDropOptionsSchema,
  stateSchema: severityDropStateSchema,
  init: (): SeverityDropState => ({ armed: true, cooldown: 0 }),
  onObservation: ({ options, state, ctx }) => {
    const cooling = state.cooldown > 0;
    const next: SeverityDropState = cooling ? { ...state, cooldown: state.cooldown - 1 } : state;
    if (!ctx.finite) return { state: next };
    const best = ctx.best;
    const d = best === null ? 0 : degradation(ctx.mode, options.thresholdMode, ctx.value, best);
    if (d < options.trigger) return { state: next.armed ? next : { ...next, armed: true } };
    if (cooling || !next.armed || best === null) return { state: next };
    const factor = severityFactor(options, d);
    return {
      state: { armed: false, cooldown: options.cooldown },
      proposal: { type: 'drop', factor, reason: describe(options, ctx, best, d, factor) },
    };
  },
});
