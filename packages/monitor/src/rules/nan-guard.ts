import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';
import { defineRule, type RuleContext } from '../define-rule.js';
import { formatValue } from './format.js';

export const nanGuardOptionsSchema = z
  .strictObject({
    /** What to do about non-finite values (NaN, ±Infinity). */
    action: z.enum(['drop', 'skip', 'stop']),
    /** With action "drop": rate ← rate · factor (default 0.1). */
    factor: z.optional(z.number().check(z.gt(0, 'must be > 0 and < 1'), z.lt(1, 'must be > 0 and < 1'))),
    /** Act on the maxConsecutive-th non-finite value in a row. */
    maxConsecutive: z._default(optionSchemas.positiveInt(), 1),
  })
  .check(z.superRefine((options, ctx) => {
    if (options.factor !== undefined && options.action !== 'drop') {
      ctx.addIssue({ code: 'custom', path: ['factor'], message: `is only used with action "drop" (action is "${options.action}")` });
    }
  }));

export type NanGuardOptions = z.output<typeof nanGuardOptionsSchema>;

export const nanGuardStateSchema = z.object({
  /** Non-finite values in a row, up to and including the current observation. */
  streak: z.number().check(z.int(), z.nonnegative()),
});

export type NanGuardState = z.infer<typeof nanGuardStateSchema>;

const defaultFactor = 0.1;

function inARow(options: NanGuardOptions, state: NanGuardState, ctx: RuleContext): string {
  const count = options.maxConsecutive === 1 ? 'non-finite metric' : `${state.streak} non-finite values in a row, the last`;
  return `${count} ${formatValue(ctx.value)}`;
}

/**
 * `nanGuard` — what to do when the metric is NaN or ±Infinity, acting on the
 * `maxConsecutive`-th non-finite value in a row:
 * - `"drop"`: rate ← rate · factor, once per `maxConsecutive` non-finite values in a row
 *   (with maxConsecutive 2: on the 2nd, 4th, 6th ... of a streak);
 * - `"skip"`: withhold the observation from every rule (through `screen`), from the
 *   maxConsecutive-th of a streak on; earlier ones count as bad evaluations as usual;
 * - `"stop"`: stop the run.
 * A finite value ends the streak. Without a nanGuard a non-finite value is simply a bad
 * evaluation (and the monitor emits a `nan` decision either way).
 *
 * @example
 * ```json
 * { "kind": "nanGuard", "action": "drop", "factor": 0.5, "maxConsecutive": 2 }
 * ```
 */
export const nanGuard = defineRule({
  kind: 'nanGuard',
  schema: nanGuardOptionsSchema,
  stateSchema: nanGuardStateSchema,
  init: (): NanGuardState => ({ streak: 0 }),
  screen: ({ options, state, ctx }) => {
    const next: NanGuardState = { streak: ctx.finite ? 0 : state.streak + 1 };
    const skip =
      options.action === 'skip' && next.streak >= options.maxConsecutive
        ? `${inARow(options, next, ctx)}: withheld from every rule`
        : undefined;
    return { state: next, skip };
  },
  onObservation: ({ options, state, ctx }) => {
    if (ctx.finite || state.streak === 0) return { state };
    if (options.action === 'drop' && state.streak % options.maxConsecutive === 0) {
      const factor = options.factor ?? defaultFactor;
      return { state, proposal: { type: 'drop', factor, reason: `${inARow(options, state, ctx)}: factor ${formatValue(factor)}` } };
    }
    if (options.action === 'stop' && state.streak >= options.maxConsecutive) {
      return { state, proposal: { type: 'stop', reason: inARow(options, state, ctx) } };
    }
    return { state };
  },
});
