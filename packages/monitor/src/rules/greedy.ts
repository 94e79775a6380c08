import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';
import { defineRule, type RuleContext, type RuleOutcome } from '../define-rule.js';
import { meanOf, saturate, sumOf } from '../finite-mean.js';
import { windowSizeSchema } from '../window.js';
import { formatValue } from './format.js';

const { nonNegative, nonNegativeInt, positiveInt } = optionSchemas;

export const greedyOptionsSchema = z.strictObject({
  /** Lower by `factor` after `patience` bad evaluations; raise by `1/factor` after `patience` good ones. */
  factor: z._default(z.number().check(z.gt(0, 'must be > 0 and < 1'), z.lt(1, 'must be > 0 and < 1')), 0.95),
  patience: z._default(nonNegativeInt(), 10),
  /** Size of the band a value must clear to count as an improvement. */
  threshold: z._default(nonNegative(), 1e-6),
  thresholdMode: z._default(z.enum(['rel', 'abs']), 'abs'),
  /** Evaluations after a drop during which nothing is counted. */
  cooldown: z._default(nonNegativeInt(), 0),
  /** Evaluations after a raise during which nothing is counted. */
  warmup: z._default(nonNegativeInt(), 0),
  /** Reductions attempted at the floor (`minLr`) before the rule resets to the initial rate and clears its counters. */
  resetAfter: z._default(positiveInt(), 500),
  /** Smooth the metric with the rule's own rolling mean over `windowSize` values (reset with the rule). */
  smooth: z._default(z.boolean(), false),
  windowSize: z._default(windowSizeSchema(1), 50),
  /** GreedyLR's eps: a change smaller than this (in rate units) is not made. */
  eps: z._default(nonNegative(), 1e-8),
});

export type GreedyOptions = z.output<typeof greedyOptionsSchema>;

export const greedyStateSchema = z.object({
  /** Best value (null: none yet, GreedyLR's ±inf). */
  best: z.nullable(z.number()),
  good: nonNegativeInt(),
  bad: nonNegativeInt(),
  cooldown: nonNegativeInt(),
  warmup: nonNegativeInt(),
  /** GreedyLR's reset_start: floor reductions left before the reset. */
  resetLeft: z.number().check(z.int()),
  /** The rolling window and its running sum (GreedyLR's StreamingAverage), when `smooth`. */
  window: z.array(z.number()),
  sum: z.number(),
});

export type GreedyState = z.infer<typeof greedyStateSchema>;

function initial(options: GreedyOptions): GreedyState {
  return { best: null, good: 0, bad: 0, cooldown: 0, warmup: 0, resetLeft: options.resetAfter, window: [], sum: 0 };
}

// GreedyLR.is_better, best starting at ±inf (null here).
function isBetter(options: GreedyOptions, mode: 'min' | 'max', current: number, best: number | null): boolean {
  const b = best ?? (mode === 'min' ? Infinity : -Infinity);
  if (mode === 'min') return options.thresholdMode === 'rel' ? current < b * (1 - options.threshold) : current < b - options.threshold;
  return options.thresholdMode === 'rel' ? current > b * (1 + options.threshold) : current > b + options.threshold;
}

/**
 * `greedy` — transformers' `GreedyLR` (src/transformers/optimization.py, `lr_scheduler_type
 * "greedy"`, arXiv 2512.14527), step for step: after more than `patience` improvements
 * in a row the rate is raised, `rate ← min(rate / factor, maxLr)` (then `warmup`
 * evaluations are not counted); after more than `patience` bad evaluations in a row it
 * is lowered, `rate ← max(rate · factor, minLr)` (then `cooldown`). A change smaller than
 * `eps` is not made. Each reduction attempted with the rate at `minLr` counts towards
 * `resetAfter`; when it is reached the rule resets: the rate returns to the initial
 * one (a restart at scale 1), best and counters clear, and the rolling window empties.
 * A raise resets that count. `minLr` and `maxLr` are the monitor's.
 *
 * Differences from GreedyLR, on inputs it does not handle: a non-finite value is a bad
 * evaluation (never the best) and bypasses the rolling window, which GreedyLR would
 * poison with NaN for good. The reset is a `restart` decision, so the monitor's restart
 * count grows by one.
 *
 * @example
 * ```json
 * { "kind": "greedy", "factor": 0.5, "patience": 2 }
 * ```
 * With the rate at 0.1 and a loss improving at every evaluation, the 3rd improvement in
 * a row raises the rate to 0.2, the 6th to 0.4 (capped at `maxLr`); three bad
 * evaluations in a row then lower it by half.
 */
export const greedy = defineRule({
  kind: 'greedy',
  schema: greedyOptionsSchema,
  stateSchema: greedyStateSchema,
  init: initial,
  onObservation: ({ options, state, ctx }) => step(options, state, ctx),
});

function step(options: GreedyOptions, state: GreedyState, ctx: RuleContext): RuleOutcome<GreedyState> {
  let current = ctx.value;
  let window = state.window;
  let sum = state.sum;
  if (options.smooth && ctx.finite) {
    // StreamingAverage.streamavg: append, add, drop the oldest past the window, mean.
    // Unlike GreedyLR, a running sum that overflowed (finite values near ±1e308) is held at
    // ±Number.MAX_VALUE and taken from the window again, so it never sticks at ±Infinity
    // (nor does best, nor the snapshot, whose schema wants finite numbers).
    const overflowed = !(Math.abs(sum) < Number.MAX_VALUE);
    window = [...window, current];
    sum += current;
    if (window.length > options.windowSize) {
      sum -= window[0] as number;
      window = window.slice(1);
    }
    if (overflowed || !(Math.abs(sum) < Number.MAX_VALUE)) {
      sum = saturate(sumOf(window));
      current = meanOf(window);
    } else {
      current = sum / window.length;
    }
  }
  let { best, good, bad, cooldown, warmup, resetLeft } = state;
  const next = (): GreedyState => ({ best, good, bad, cooldown, warmup, resetLeft, window, sum });

  if (cooldown > 0) {
    cooldown -= 1;
    bad = 0;
    good = 0;
    return { state: next() };
  }
  if (warmup > 0) {
    warmup -= 1;
    bad = 0;
    good = 0;
    return { state: next() };
  }
  if (ctx.finite && isBetter(options, ctx.mode, current, best)) {
    best = current;
    bad = 0;
    good += 1;
  } else {
    bad += 1;
    good = 0;
  }

  if (good > options.patience) {
    // _increase_lr: new_lr = min(old_lr / factor, max_lr), set if new_lr − old_lr > eps.
    warmup = options.warmup;
    good = 0;
    resetLeft = options.resetAfter;
    const to = Math.min(ctx.lr / options.factor, ctx.maxLr);
    if (!(to - ctx.lr > options.eps)) return { state: next() };
    const reason = `${options.patience + 1} improvements in a row; best ${formatValue(best as number)}`;
    // 1 / factor overflows for a factor below 1 / Number.MAX_VALUE (a subnormal): the raise
    // is then by the largest finite factor, which the monitor's rate saturates like any other.
    return { state: next(), proposal: { type: 'raise', factor: Math.min(1 / options.factor, Number.MAX_VALUE), reason } };
  }
  if (bad > options.patience) {
    // _reduce_lr: new_lr = max(old_lr · factor, min_lr), set if old_lr − new_lr > eps; then
    // a rate at min_lr counts towards the reset.
    cooldown = options.cooldown;
    bad = 0;
    const to = ctx.lrWithScale(ctx.scale * options.factor);
    const lowers = ctx.lr - to > options.eps;
    const after = lowers ? to : ctx.lr;
    const why = `${options.patience + 1} evaluations without improvement`;
    if (after <= ctx.minLr) {
      resetLeft -= 1;
      if (resetLeft <= 0) {
        const reason = `${why} with the rate at the floor ${formatValue(ctx.minLr)} (${options.resetAfter} times): reset to the initial rate`;
        return { state: initial(options), proposal: { type: 'restart', scale: 1, stretch: 1, reason } };
      }
    }
    if (!lowers) return { state: next() };
    const reason = `${why}; ${best === null ? 'no finite value yet' : `best ${formatValue(best)}`}`;
    return { state: next(), proposal: { type: 'drop', factor: options.factor, reason } };
  }
  return { state: next() };
}
