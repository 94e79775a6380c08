import * as z from 'zod/mini';
import { positive, rate } from '../../options.js';
import { capGrowth, defineSchedule, factoryOf, type Schedule } from '../../schedule.js';

/** The options of TensorFlow's exponential, natural-exp and inverse-time decays (one signature). */
export const decayOptionsShape = {
  initialLearningRate: rate(),
  decaySteps: positive(),
  decayRate: rate(),
  staircase: z._default(z.boolean(), false),
};

export const exponentialDecayDefinition = defineSchedule({
  kind: 'exponentialDecay',
  schema: z.strictObject({
    kind: z.literal('exponentialDecay'),
    ...decayOptionsShape,
  }),
  build: ({ initialLearningRate, decaySteps, decayRate, staircase }) => {
    // A zero rate stays 0 (0 · ∞ would be NaN once a growing power overflows); decayRate 1 keeps
    // the rate (1^∞ is NaN once t / decaySteps overflows for a tiny decaySteps).
    if (initialLearningRate === 0 || decayRate === 1) return () => initialLearningRate;
    const decay: Schedule = staircase
      ? (step) => initialLearningRate * decayRate ** Math.floor(step / decaySteps)
      : (step) => initialLearningRate * decayRate ** (step / decaySteps);
    return capGrowth(decay, decayRate > 1);
  },
});

/**
 * Exponential decay, as TensorFlow's `tf.compat.v1.train.exponential_decay` and
 * Keras's `ExponentialDecay`:
 *
 *     lr(t) = initialLearningRate · decayRate ^ (t / decaySteps)      (floor(t / decaySteps) if staircase)
 *
 * `decaySteps` must be > 0 (TensorFlow would divide by zero). `decayRate > 1` is allowed
 * (it grows the rate, as an LR range test does) and saturates at `Number.MAX_VALUE`
 * where TensorFlow would overflow to `inf`.
 *
 * @example
 * const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true });
 * lr(2500); // 0.1 · 0.96² = 0.09216
 */
export const exponentialDecay = factoryOf(exponentialDecayDefinition);
