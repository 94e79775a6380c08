import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';
import { defineRule, type RuleContext } from '../define-rule.js';
import { evaluations, formatValue } from './format.js';

const { positive, positiveInt, nonNegativeInt } = optionSchemas;

/** When a plateau counts as persistent: give exactly one of `drops` or `floorEvaluations`. */
const afterSchema = z
  .strictObject({
    /** Restart once this many drops (by any rule) since the last restart did not cure the plateau. */
    drops: z.optional(positiveInt()),
    /** With `drops`: evaluations without improvement tolerated after the last of them (default 0). */
    patience: z.optional(nonNegativeInt()),
    /** Restart after this many evaluations in a row at `minLr` without improvement. */
    floorEvaluations: z.optional(positiveInt()),
  })
  .check(z.superRefine((after, ctx) => {
    if ((after.drops === undefined) === (after.floorEvaluations === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: after.drops === undefined ? [] : ['floorEvaluations'],
        message: 'give exactly one of drops (e.g. { "drops": 3 }) or floorEvaluations (e.g. { "floorEvaluations": 5 })',
      });
    }
    if (after.patience !== undefined && after.drops === undefined) {
      ctx.addIssue({ code: 'custom', path: ['patience'], message: 'is only meaningful with drops' });
    }
  }));

export const warmRestartOptionsSchema = z.strictObject({
  after: afterSchema,
  /** The k-th restart sets scale = mMul^k (1 restarts at the full rate). */
  mMul: z._default(positive(), 1),
  /** The k-th restart stretches the base schedule's time axis by tMul^k. */
  tMul: z._default(positive(), 1),
  /** At most this many restarts; null for no bound. */
  maxRestarts: z._default(z.nullable(nonNegativeInt()), null),
});

export type WarmRestartOptions = z.output<typeof warmRestartOptionsSchema>;

export const warmRestartStateSchema = z.object({
  /** Drops applied (by any rule) since the last restart. */
  drops: nonNegativeInt(),
  /** Evaluations counting towards the trigger (see `after`). */
  stale: nonNegativeInt(),
});

export type WarmRestartState = z.infer<typeof warmRestartStateSchema>;

/** Advances the trigger's counter by one evaluation and says whether a restart is due. */
function advance(options: WarmRestartOptions, state: WarmRestartState, ctx: RuleContext) {
  const { drops, patience, floorEvaluations } = options.after;
  if (floorEvaluations !== undefined) {
    const stale = ctx.atFloor && !ctx.improved ? state.stale + 1 : 0;
    return { stale, due: stale >= floorEvaluations };
  }
  if (drops === undefined || state.drops < drops) return { stale: 0, due: false };
  const stale = ctx.improved ? 0 : state.stale + 1;
  return { stale, due: stale > (patience ?? 0) };
}

function exhausted(options: WarmRestartOptions, ctx: RuleContext): boolean {
  return options.maxRestarts !== null && ctx.restarts >= options.maxRestarts;
}

function describe(options: WarmRestartOptions, state: WarmRestartState, stale: number, ctx: RuleContext, k: number): string {
  const why =
    options.after.floorEvaluations !== undefined
      ? `${evaluations(stale)} at the floor ${formatValue(ctx.minLr)} without improvement`
      : `${state.drops} drop${state.drops === 1 ? '' : 's'} since the last restart, then ${evaluations(stale)} without improvement`;
  const of = options.maxRestarts === null ? '' : ` of ${options.maxRestarts}`;
  return `${why}: restart ${k}${of} (scale ${formatValue(options.mMul ** k)}, stretch ${formatValue(options.tMul ** k)})`;
}

/**
 * `warmRestart` — when plateaus persist, start the base schedule's cycle again: the
 * origin moves to the current step, and the k-th restart (k = 1, 2, ...) sets
 * `scale = mMul^k` and `stretch = tMul^k`, so the rate becomes
 * `clamp(mMul^k · base((t − origin) / tMul^k), minLr, maxLr)`.
 *
 * A plateau persists (`after`):
 * - `{ "drops": n, "patience": p }`: n drops (by any rule, counted through `onApplied`)
 *   since the last restart, followed by p + 1 evaluations without a new best (p = 0:
 *   the first evaluation after the n-th drop that does not improve);
 * - `{ "floorEvaluations": n }`: n evaluations in a row with the rate at `minLr` and no
 *   new best (needs `minLr > 0` or a base schedule that reaches it).
 *
 * After `maxRestarts` restarts the rule makes no more; each restart it would have made
 * is declined instead (every rule sees it in `onApplied` among the refused proposals),
 * so earlyStop's `whenRestartsExhausted` can end the run on the next evaluation.
 *
 * @example
 * ```json
 * { "kind": "warmRestart", "after": { "drops": 3 }, "mMul": 0.5, "tMul": 2, "maxRestarts": 4 }
 * ```
 * The 2nd restart resumes at scale 0.5² = 0.25 of the base schedule, which then runs
 * 2² = 4 times slower.
 */
export const warmRestart = defineRule({
  kind: 'warmRestart',
  schema: warmRestartOptionsSchema,
  stateSchema: warmRestartStateSchema,
  init: (): WarmRestartState => ({ drops: 0, stale: 0 }),
  onObservation: ({ options, state, ctx }) => {
    const { stale, due } = advance(options, state, ctx);
    const next: WarmRestartState = stale === state.stale ? state : { ...state, stale };
    if (!due) return { state: next };
    const k = ctx.restarts + 1;
    const proposal = {
      type: 'restart',
      // Bounded so that even absurdly many restarts keep the state finite and positive.
      scale: Math.min(options.mMul ** k, Number.MAX_VALUE),
      stretch: Math.min(Math.max(options.tMul ** k, Number.MIN_VALUE), Number.MAX_VALUE),
      reason: describe(options, state, stale, ctx, k),
    } as const;
    // Past maxRestarts the restart is declined: never applied, but every rule sees it refused.
    return exhausted(options, ctx) ? { state: next, declined: proposal } : { state: next, proposal };
  },
  onApplied: ({ state, applied }) => {
    if (applied?.type === 'restart') return { drops: 0, stale: 0 };
    // Later drops add to the count but do not reset the evaluations counted after the n-th.
    if (applied?.type === 'drop') return { ...state, drops: state.drops + 1 };
    return state;
  },
});
