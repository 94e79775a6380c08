import * as z from 'zod/mini';
import { nonNegative, nonNegativeInt, positiveInt, rate } from '../../options.js';
import { lerp } from '../../lerp.js';
import { optaxWarmup } from './linear-schedule.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const warmupCosineDecayDefinition = defineSchedule({
  kind: 'warmupCosineDecay',
  schema: z
    .strictObject({
      kind: z.literal('warmupCosineDecay'),
      initValue: rate(),
      peakValue: rate(),
      warmupSteps: nonNegativeInt(),
      decaySteps: positiveInt(),
      endValue: z._default(rate(), 0),
      exponent: z._default(nonNegative(), 1),
    })
    .check(z.refine((o) => o.decaySteps > o.warmupSteps, {
      // optax raises here: its cosine part would get decay_steps − warmup_steps <= 0 steps.
      message: 'must be > warmupSteps (decaySteps includes the warmup)',
      path: ['decaySteps'],
    })),
  build: ({ initValue, peakValue, warmupSteps, decaySteps, endValue, exponent }) => {
    // optax scales by alpha = endValue / peakValue, which is 0 when peakValue is 0: the cosine
    // part is then 0 throughout. Otherwise peak·((1 − α)·c + α) = lerp(end, peak, c), the form
    // used here: it cannot overflow for a tiny peakValue nor round outside its ends.
    const end = peakValue === 0 ? 0 : endValue;
    const cosineSteps = decaySteps - warmupSteps;
    // optax's join_schedules: linear_schedule for warmupSteps, then the cosine at its own step.
    return optaxWarmup(initValue, peakValue, warmupSteps, (count) => {
      // The fraction before π: π · count would overflow for a count near Number.MAX_VALUE.
      const cosine = 0.5 * (1 + Math.cos(Math.PI * (Math.min(count, cosineSteps) / cosineSteps)));
      return lerp(end, peakValue, cosine ** exponent);
    });
  },
});

/**
 * Linear warmup then cosine decay, as optax's `warmup_cosine_decay_schedule`. Note optax's
 * `decaySteps` is the length of the whole schedule, warmup included: the cosine lasts
 * C = decaySteps − warmupSteps steps. With α = endValue / peakValue (0 if peakValue is 0):
 *
 *     lr(t) = initValue + (peakValue − initValue) · t / warmupSteps                    if t < warmupSteps
 *     lr(t) = peakValue · ((1 − α) · (½(1 + cos(π·min(t − warmupSteps, C) / C)))^exponent + α)
 *
 * It holds `endValue` from `decaySteps` on.
 *
 * @example
 * const lr = warmupCosineDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1100, endValue: 1e-5 });
 * lr(50); // 5e-4
 * lr(5000); // 1e-5
 */
export const warmupCosineDecay = factoryOf(warmupCosineDecayDefinition);
