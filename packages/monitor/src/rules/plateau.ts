import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';
import { defineRule, type Proposal, type RuleContext, type RuleOutcome } from '../define-rule.js';
import { describeBest, evaluations } from './format.js';

const { nonNegative, nonNegativeInt: count } = optionSchemas;

export const plateauOptionsSchema = z
  .strictObject({
    /** Bad evaluations tolerated: torch/anneal drop on the (patience+1)-th in a row, keras on the patience-th. */
    patience: z._default(count(), 10),
    /** new rate = rate · factor; 0 (straight to minLr) only under compat "torch", which accepts it. */
    factor: z._default(z.number().check(z.gte(0, 'must be >= 0 and < 1'), z.lt(1, 'must be > 0 and < 1')), 0.1),
    /** Size of the band a value must clear to count as an improvement. */
    threshold: z._default(nonNegative(), 1e-4),
    /** `rel` (a fraction of best) or `abs`; defaults to `rel`, and to `abs` under compat "keras". */
    thresholdMode: z.optional(z.enum(['rel', 'abs'])),
    /** Evaluations after a drop during which bad evaluations are not counted. */
    cooldown: z._default(count(), 0),
    /** torch's eps: a drop smaller than this (in rate units) is not made. Unused under compat "keras". */
    eps: z._default(nonNegative(), 1e-8),
    compat: z._default(z.enum(['anneal', 'torch', 'keras']), 'anneal'),
  })
  .check(z.superRefine((options, ctx) => {
    if (options.factor === 0 && options.compat !== 'torch') {
      ctx.addIssue({ code: 'custom', path: ['factor'], message: 'must be > 0 and < 1 (0 is accepted only under compat "torch")' });
    }
    if (options.compat === 'keras' && options.thresholdMode === 'rel') {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholdMode'],
        message: 'must be "abs" under compat "keras" (Keras\'s min_delta is absolute)',
      });
    }
  }));

export type PlateauOptions = z.output<typeof plateauOptionsSchema>;

// -Infinity can be the best under compat torch/keras (their comparisons accept it).
const bestValue = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), { message: 'must be a number' });

export const plateauStateSchema = z.object({
  /** Best value by the threshold rule (null: none yet, torch's `mode_worse` / Keras's `None`). */
  best: z.nullable(bestValue),
  bestStep: z.nullable(z.number()),
  /** torch's `num_bad_epochs`, Keras's `wait`. */
  bad: count(),
  /** Evaluations of cooldown left. */
  cooldown: count(),
});

export type PlateauState = z.infer<typeof plateauStateSchema>;

/**
 * Is `a` an improvement on `best` under the rule's threshold? Each branch transcribes its
 * source expression literally, so floating-point ties resolve as upstream does.
 */
function plateauImproves(options: PlateauOptions, mode: 'min' | 'max', a: number, best: number | null): boolean {
  const { compat, threshold } = options;
  if (compat === 'keras') {
    // keras/src/callbacks/monitor_callback.py `_is_improvement`: best None → True, else
    // monitor_op(current - min_delta, best) with min_delta = -|min_delta| for `less`.
    if (best === null) return true;
    return mode === 'min' ? a + threshold < best : a - threshold > best;
  }
  // torch/optim/lr_scheduler.py ReduceLROnPlateau `_is_better`, best starting at mode_worse (±inf).
  if (compat === 'anneal' && best === null) return true;
  const b = best ?? (mode === 'min' ? Infinity : -Infinity);
  if ((options.thresholdMode ?? 'rel') === 'abs') return mode === 'min' ? a < b - threshold : a > b + threshold;
  if (compat === 'torch') return mode === 'min' ? a < b * (1 - threshold) : a > b * (threshold + 1);
  // anneal: the band is taken on |best| (best − |best|·threshold for min), so a negative
  // metric must really improve; for best >= 0 this is torch's expression exactly.
  if (mode === 'min') return a < b * (b >= 0 ? 1 - threshold : 1 + threshold);
  return a > b * (b >= 0 ? 1 + threshold : 1 - threshold);
}

function dropProposal(options: PlateauOptions, state: PlateauState, bad: number): Proposal {
  return {
    type: 'drop',
    factor: options.factor,
    reason: `${evaluations(bad)} without improvement; ${describeBest(state.best, state.bestStep)}`,
  };
}

/**
 * Whether `value` may be compared at all: finite values always; under compat torch and
 * keras also ±Infinity (their comparisons take them, so -inf becomes the best in min
 * mode); NaN never.
 */
function comparable(options: PlateauOptions, ctx: RuleContext): boolean {
  return ctx.finite || (options.compat !== 'anneal' && !Number.isNaN(ctx.value));
}

// torch.optim.lr_scheduler.ReduceLROnPlateau.step: count, then cooldown, then reduce.
// Object literals rather than spreads: this runs on every observation.
function torchStep(options: PlateauOptions, state: PlateauState, ctx: RuleContext): RuleOutcome<PlateauState> {
  const improves = comparable(options, ctx) && plateauImproves(options, ctx.mode, ctx.value, state.best);
  let best = improves ? ctx.value : state.best;
  let bestStep = improves ? ctx.step : state.bestStep;
  let bad = improves ? 0 : state.bad + 1;
  let cooldown = state.cooldown;
  if (cooldown > 0) {
    cooldown -= 1;
    bad = 0; // bad evaluations in cooldown are ignored
  }
  // Every observation changes a counter (bad grows, or cooldown shrinks), so the state is always new.
  if (bad <= options.patience) return { state: { best, bestStep, bad, cooldown } };
  // _reduce_lr: new_lr = max(old_lr · factor, min_lr), set only if old_lr − new_lr > eps.
  // The counters reset and cooldown starts either way, even at the floor.
  const reset: PlateauState = { best, bestStep, bad: 0, cooldown: options.cooldown };
  const to = ctx.lrWithScale(ctx.scale * options.factor);
  if (!(ctx.lr - to > options.eps)) return { state: reset };
  return { state: reset, proposal: dropProposal(options, { best, bestStep, bad, cooldown }, bad) };
}

// keras/src/callbacks/reduce_lr_on_plateau.py on_epoch_end: cooldown first, then count.
function kerasStep(options: PlateauOptions, state: PlateauState, ctx: RuleContext): RuleOutcome<PlateauState> {
  let next: PlateauState = state.cooldown > 0 ? { ...state, cooldown: state.cooldown - 1, bad: 0 } : state;
  if (comparable(options, ctx) && plateauImproves(options, ctx.mode, ctx.value, next.best)) {
    return { state: { ...next, best: ctx.value, bestStep: ctx.step, bad: 0 } };
  }
  if (next.cooldown > 0) return { state: next };
  next = { ...next, bad: next.bad + 1 };
  // _reduce_optimizer_lr fires only when old_lr > min_lr; at the floor `wait` keeps growing.
  if (next.bad < options.patience || ctx.atFloor) return { state: next };
  return { state: { ...next, bad: 0, cooldown: options.cooldown }, proposal: dropProposal(options, next, next.bad) };
}

/**
 * `plateau` — lower the rate when the metric stops improving: `rate ← rate · factor`.
 *
 * An evaluation improves when it clears a band around the best value so far:
 * - `rel`: `a < best·(1 − threshold)` (min) / `a > best·(1 + threshold)` (max);
 * - `abs`: `a < best − threshold` (min) / `a > best + threshold` (max).
 *
 * `compat` chooses whose semantics to reproduce exactly:
 * - `"torch"`: `torch.optim.lr_scheduler.ReduceLROnPlateau` — drop on the (patience+1)-th
 *   bad evaluation in a row; during cooldown bad evaluations are not counted; a drop
 *   smaller than `eps` is skipped but still resets the counter and starts the cooldown
 *   (so at `minLr` it keeps "firing" silently); the relative band for a negative best is
 *   `best·(1 − threshold)`, which lies *above* best in min mode, so a slightly worse
 *   value counts as an improvement (PyTorch issues 38622, 47513).
 * - `"keras"`: Keras 3 `ReduceLROnPlateau` — cooldown is decremented first, `threshold`
 *   is Keras's absolute `min_delta` (`thresholdMode` must be `abs`), drop on the
 *   patience-th bad evaluation, never at the floor (`old_lr > min_lr`), `eps` unused.
 * - `"anneal"` (default): torch's counting, with the relative band on `|best|`
 *   (`best − |best|·threshold` for min), so negative metrics behave.
 *
 * NaN is a bad evaluation and never becomes the best. Under `"torch"` and `"keras"`,
 * ±Infinity is compared as they compare it (a `-inf` loss becomes the best in min mode);
 * under `"anneal"` every non-finite value is a bad evaluation. Under `"torch"` and
 * `"keras"` a base rate that starts below `minLr` is not lifted to it (they apply
 * `min_lr` only when reducing), and `"torch"` accepts `factor: 0` (straight to `minLr`).
 * After a warm restart (by any rule) the counter and cooldown start afresh; best is kept.
 *
 * @example
 * ```json
 * { "kind": "plateau", "patience": 5, "factor": 0.5, "compat": "torch" }
 * ```
 * With the rate at 0.1 and the loss stuck at 0.4 from step 1 on, steps 2–6 are bad
 * evaluations 1–5 and step 7 (the 6th) drops the rate to 0.05.
 */
export const plateau = defineRule({
  kind: 'plateau',
  schema: plateauOptionsSchema,
  stateSchema: plateauStateSchema,
  init: (): PlateauState => ({ best: null, bestStep: null, bad: 0, cooldown: 0 }),
  onObservation: ({ options, state, ctx }) =>
    options.compat === 'keras' ? kerasStep(options, state, ctx) : torchStep(options, state, ctx),
  onApplied: ({ state, applied }) => (applied?.type === 'restart' ? { ...state, bad: 0, cooldown: 0 } : state),
});
