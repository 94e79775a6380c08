import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';
import { defineRule } from '../define-rule.js';
import { describeBest, evaluations, formatValue } from './format.js';

export const earlyStopOptionsSchema = z.strictObject({
  /** Stop after this many evaluations in a row without improvement; null: never on patience alone. */
  patience: z._default(z.nullable(optionSchemas.nonNegativeInt()), 10),
  /** An improvement must beat the best by more than this (absolute, like Keras's min_delta). */
  minDelta: z._default(optionSchemas.nonNegative(), 0),
  /** Also stop when a warm restart is due but every allowed restart has been used. */
  whenRestartsExhausted: z._default(z.boolean(), false),
});

export type EarlyStopOptions = z.output<typeof earlyStopOptionsSchema>;

export const earlyStopStateSchema = z.object({
  best: z.nullable(z.number()),
  bestStep: z.nullable(z.number()),
  /** Evaluations since the last improvement (Keras's `wait`). */
  wait: z.number().check(z.int(), z.nonnegative()),
  /** A rule declined a restart on the last observation (its budget is spent). */
  restartDeclined: z._default(z.boolean(), false),
});

export type EarlyStopState = z.infer<typeof earlyStopStateSchema>;

/**
 * `earlyStop` — end the run (a `stop` decision, which beats every other change):
 * - when `patience` evaluations in a row brought no improvement, an improvement being a
 *   finite value with `value + minDelta < best` (min) or `value − minDelta > best` (max);
 *   this is Keras 3's `EarlyStopping` counting (keras/src/callbacks/early_stopping.py,
 *   no baseline, start_from_epoch 0), except that a non-finite value is never the best;
 * - with `whenRestartsExhausted`, on the evaluation after a warmRestart rule declined a
 *   restart because it has used all of its `maxRestarts` (seen in `onApplied` among the
 *   refused proposals), i.e. the plateau persisted through the last allowed cycle.
 *
 * @example
 * ```json
 * { "kind": "earlyStop", "patience": 30, "minDelta": 0.001, "whenRestartsExhausted": true }
 * ```
 */
export const earlyStop = defineRule({
  kind: 'earlyStop',
  schema: earlyStopOptionsSchema,
  stateSchema: earlyStopStateSchema,
  init: (): EarlyStopState => ({ best: null, bestStep: null, wait: 0, restartDeclined: false }),
  onObservation: ({ options, state, ctx }) => {
    const { minDelta } = options;
    const improves =
      ctx.finite &&
      (state.best === null || (ctx.mode === 'min' ? ctx.value + minDelta < state.best : ctx.value - minDelta > state.best));
    const next: EarlyStopState = improves
      ? { best: ctx.value, bestStep: ctx.step, wait: 0, restartDeclined: false }
      : { best: state.best, bestStep: state.bestStep, wait: state.wait + 1, restartDeclined: false };
    if (options.whenRestartsExhausted && state.restartDeclined) {
      const reason = `warm restarts exhausted (${ctx.restarts} made) and the plateau persisted at rate ${formatValue(ctx.lr)}`;
      return { state: next, proposal: { type: 'stop', reason } };
    }
    if (options.patience !== null && !improves && next.wait >= options.patience) {
      const reason = `${evaluations(next.wait)} without improvement; ${describeBest(next.best, next.bestStep)}`;
      return { state: next, proposal: { type: 'stop', reason } };
    }
    return { state: next };
  },
  onApplied: ({ state, refused }) => {
    const declined = refused.some((r) => r.why === 'declined' && r.proposal.type === 'restart');
    return declined === state.restartDeclined ? state : { ...state, restartDeclined: declined };
  },
});
