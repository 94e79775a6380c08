import { defineRule } from '@anneal/monitor';
import { z } from 'zod';

/**
 * `targetReached`: stop once the monitored metric has met `target` for `times`
 * evaluations in a row ("good enough: stop spending compute"). `>= target` in mode
 * "max", `<= target` in mode "min". Non-finite values break the streak.
 *
 * A rule is a plain object: its kind, a zod schema for its options (which also
 * validates configs and appears in the JSON Schema), an initial state, and a pure
 * `onObservation` that returns the next state and, maybe, a proposal.
 */
export const targetReached = defineRule({
  kind: 'targetReached',
  schema: z.strictObject({
    target: z.number(),
    times: z.number().int('must be an integer').positive('must be >= 1').default(1),
  }),
  // State is plain JSON, so snapshots of a monitor using this rule round-trip.
  stateSchema: z.object({ streak: z.number().int().nonnegative() }),
  init: () => ({ streak: 0 }),
  onObservation: ({ options, state, ctx }) => {
    const met = ctx.finite && (ctx.mode === 'max' ? ctx.value >= options.target : ctx.value <= options.target);
    const streak = met ? state.streak + 1 : 0;
    if (streak < options.times) return { state: { streak } };
    const reason = `${ctx.value.toFixed(4)} met the target ${options.target} ${streak} time${streak === 1 ? '' : 's'} in a row`;
    return { state: { streak }, proposal: { type: 'stop', reason } };
  },
});
