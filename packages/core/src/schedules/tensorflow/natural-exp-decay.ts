import * as z from 'zod/mini';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { decayOptionsShape } from './exponential-decay.js';

export const naturalExpDecayDefinition = defineSchedule({
  kind: 'naturalExpDecay',
  schema: z.strictObject({
    kind: z.literal('naturalExpDecay'),
    ...decayOptionsShape,
  }),
  build: ({ initialLearningRate, decaySteps, decayRate, staircase }) =>
    // decayRate 0 keeps the rate: −0 · floor(t / decaySteps) is NaN once the quotient overflows.
    decayRate === 0
      ? () => initialLearningRate
      : staircase
        ? (step) => initialLearningRate * Math.exp(-decayRate * Math.floor(step / decaySteps))
        : (step) => initialLearningRate * Math.exp((-decayRate * step) / decaySteps),
});

/**
 * Natural exponential decay, as TensorFlow's `tf.compat.v1.train.natural_exp_decay`
 * (an `ExponentialDecay` with base `exp(−decayRate)`):
 *
 *     lr(t) = initialLearningRate · exp(−decayRate · p),   p = t / decaySteps   (floor(p) if staircase)
 *
 * `decaySteps` must be > 0 and `decayRate` >= 0 (a negative rate would grow without bound).
 *
 * @example
 * const lr = naturalExpDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5 });
 * lr(10); // 0.1 · e^−1 ≈ 0.03679
 */
export const naturalExpDecay = factoryOf(naturalExpDecayDefinition);
