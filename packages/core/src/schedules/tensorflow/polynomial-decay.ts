import * as z from 'zod/mini';
import { nonNegative, positive, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const polynomialDecayDefinition = defineSchedule({
  kind: 'polynomialDecay',
  schema: z.strictObject({
    kind: z.literal('polynomialDecay'),
    initialLearningRate: rate(),
    decaySteps: positive(),
    endLearningRate: z._default(rate(), 0.0001),
    // A negative power would make (1 − p)^power infinite at the end of the decay.
    power: z._default(nonNegative(), 1),
    cycle: z._default(z.boolean(), false),
  }),
  build: ({ initialLearningRate, decaySteps, endLearningRate, power, cycle }) => {
    const span = initialLearningRate - endLearningRate;
    if (cycle) {
      return (step) => {
        // The first multiple of decaySteps that is >= step, at least 1 (TensorFlow: 1 at step 0;
        // max() also covers a subnormal step whose quotient underflows to 0).
        const period = decaySteps * Math.max(1, Math.ceil(step / decaySteps));
        // Rounding may put step a hair past period; 1 − p must not go negative under a fractional power.
        return span * Math.max(0, 1 - step / period) ** power + endLearningRate;
      };
    }
    return (step) => span * (1 - Math.min(step, decaySteps) / decaySteps) ** power + endLearningRate;
  },
});

/**
 * Polynomial decay, as TensorFlow's `tf.compat.v1.train.polynomial_decay` and
 * Keras's `PolynomialDecay`:
 *
 *     t' = min(t, decaySteps)
 *     lr(t) = (initialLearningRate − endLearningRate) · (1 − t' / decaySteps)^power + endLearningRate
 *
 * With `cycle`, the horizon restarts instead of holding: `decaySteps` is replaced by
 * `decaySteps · ceil(t / decaySteps)` (multiplier 1 at step 0) and `t` is not clamped,
 * so the rate jumps back up just after each multiple of `decaySteps`.
 * Defaults as in TensorFlow: `endLearningRate` 0.0001, `power` 1, `cycle` false.
 * The rate always lies between `initialLearningRate` and `endLearningRate` (either
 * may be the larger). `power` must be `>= 0`: a negative one is infinite at the end.
 *
 * @example
 * const lr = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10_000, endLearningRate: 0.01, power: 0.5 });
 * lr(2_500); // 0.09 · √0.75 + 0.01 ≈ 0.08794
 */
export const polynomialDecay = factoryOf(polynomialDecayDefinition);
