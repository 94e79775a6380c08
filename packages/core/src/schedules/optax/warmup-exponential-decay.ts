import * as z from 'zod/mini';
import { nonNegativeInt, positive, positiveInt, rate } from '../../options.js';
import { optaxWarmup } from './linear-schedule.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const warmupExponentialDecayDefinition = defineSchedule({
  kind: 'warmupExponentialDecay',
  schema: z
    .strictObject({
      kind: z.literal('warmupExponentialDecay'),
      initValue: rate(),
      peakValue: rate(),
      warmupSteps: nonNegativeInt(),
      transitionSteps: positiveInt(),
      decayRate: positive(),
      transitionBegin: z._default(nonNegativeInt(), 0),
      staircase: z._default(z.boolean(), false),
      endValue: z.optional(rate()),
    })
    .check(z.refine((o) => o.decayRate <= 1 || o.endValue !== undefined, {
      // A growing exponential without a cap overflows to Infinity.
      message: 'must be <= 1 unless endValue bounds the growth',
      path: ['decayRate'],
    })),
  build: ({ initValue, peakValue, warmupSteps, transitionSteps, decayRate, transitionBegin, staircase, endValue }) => {
    // optax bounds from below when decaying (rate < 1), from above otherwise.
    const bound =
      endValue === undefined
        ? (v: number) => v
        : decayRate < 1
          ? (v: number) => Math.max(v, endValue)
          : (v: number) => Math.min(v, endValue);
    // A zero peak stays 0 (0 · ∞ would be NaN once a growing power overflows).
    const decayed = peakValue === 0 ? () => 0 : (p: number) => peakValue * decayRate ** p;
    // optax's join_schedules: linear_schedule for warmupSteps, then exponential_decay at its own step.
    return optaxWarmup(initValue, peakValue, warmupSteps, (local) => {
      const count = local - transitionBegin;
      if (count <= 0) return bound(peakValue);
      const p = count / transitionSteps;
      return bound(decayed(staircase ? Math.floor(p) : p));
    });
  },
});

/**
 * Linear warmup then exponential decay, as optax's `warmup_exponential_decay_schedule`. With
 * k = t − warmupSteps − transitionBegin and p = k / transitionSteps (floored if staircase):
 *
 *     lr(t) = initValue + (peakValue − initValue) · t / warmupSteps     if t < warmupSteps
 *     lr(t) = peakValue                                                if k <= 0
 *     lr(t) = peakValue · decayRate^p                                  otherwise
 *
 * then bounded by `endValue` if given (from below when decayRate < 1, from above otherwise).
 * `transitionSteps` and `decayRate` must be > 0 (optax would silently return a constant), and a
 * `decayRate` > 1 needs `endValue`.
 *
 * @example
 * const lr = warmupExponentialDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 100, transitionSteps: 1000, decayRate: 0.5 });
 * lr(1100); // 5e-4
 */
export const warmupExponentialDecay = factoryOf(warmupExponentialDecayDefinition);
