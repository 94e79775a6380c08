import * as z from 'zod/mini';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { decayOptionsShape } from './exponential-decay.js';

export const inverseTimeDecayDefinition = defineSchedule({
  kind: 'inverseTimeDecay',
  schema: z.strictObject({
    kind: z.literal('inverseTimeDecay'),
    ...decayOptionsShape,
  }),
  build: ({ initialLearningRate, decaySteps, decayRate, staircase }) =>
    // decayRate 0 keeps the rate: 0 · (t / decaySteps) is NaN once the quotient overflows.
    decayRate === 0
      ? () => initialLearningRate
      : staircase
        ? (step) => initialLearningRate / (1 + decayRate * Math.floor(step / decaySteps))
        : (step) => initialLearningRate / (1 + decayRate * (step / decaySteps)),
});

/**
 * Inverse time decay, as TensorFlow's `tf.compat.v1.train.inverse_time_decay` and
 * Keras's `InverseTimeDecay`:
 *
 *     lr(t) = initialLearningRate / (1 + decayRate · p),   p = t / decaySteps   (floor(p) if staircase)
 *
 * `decaySteps` must be > 0 and `decayRate` >= 0 (a negative rate would make the
 * denominator reach 0 and the rate infinite, then negative).
 *
 * @example
 * const lr = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 * lr(2); // 0.1 / 2 = 0.05
 */
export const inverseTimeDecay = factoryOf(inverseTimeDecayDefinition);
