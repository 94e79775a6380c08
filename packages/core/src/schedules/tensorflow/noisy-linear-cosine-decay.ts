import * as z from 'zod/mini';
import { normalAt } from '../../noise.js';
import { nonNegative } from '../../options.js';
import { periodicCosine } from '../../periodic-cosine.js';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { finitePeak, linearCosineShape } from './linear-cosine-decay.js';

export const noisyLinearCosineDecayDefinition = defineSchedule({
  kind: 'noisyLinearCosineDecay',
  schema: z.strictObject({
    kind: z.literal('noisyLinearCosineDecay'),
    ...linearCosineShape,
    initialVariance: z._default(nonNegative(), 1),
    varianceDecay: z._default(nonNegative(), 0.55),
    // The noise generator mixes the seed as a 32-bit word: larger or fractional seeds would alias.
    seed: z._default(z.number().check(z.int('must be an integer'), z.gte(0, 'must be an integer in [0, 4294967295]'), z.lte(0xffffffff, 'must be an integer in [0, 4294967295]')), 0),
  })
    // |normalAt| < 9 (its uniforms stay 2^-54 away from 0), so the noise term is below 9σ₀.
    .check(z.superRefine((o, ctx) => finitePeak(o, ctx, { bound: 9 * Math.sqrt(o.initialVariance), term: ' + 9·√initialVariance' }))),
  build: ({ initialLearningRate, decaySteps, numPeriods, alpha, beta, initialVariance, varianceDecay, seed }) => {
    const halfDecay = varianceDecay / 2;
    const sigma0 = Math.sqrt(initialVariance);
    return (step) => {
      const t = Math.min(step, decaySteps);
      const linear = (decaySteps - t) / decaySteps;
      // std = sqrt(initialVariance / (1 + t')^varianceDecay); the draw uses the raw step,
      // so steps past decaySteps still get fresh noise, as TensorFlow draws anew per call.
      const noise = (sigma0 / (1 + t) ** halfDecay) * normalAt(seed, step);
      const cosine = periodicCosine(numPeriods, t / decaySteps);
      const decayed = (alpha + linear + noise) * cosine + beta;
      return decayed > 0 ? initialLearningRate * decayed : 0;
    };
  },
});

/**
 * Noisy linear cosine decay (Bello et al., 2017), as TensorFlow's
 * `tf.compat.v1.train.noisy_linear_cosine_decay` / `NoisyLinearCosineDecay`:
 * {@link linearCosineDecay} with Gaussian noise added to the linear term,
 *
 *     t' = min(t, decaySteps)
 *     eps_t ~ N(0, initialVariance / (1 + t')^varianceDecay)
 *     lr(t) = initialLearningRate · max(0, (alpha + linear + eps_t) · cosine + beta)
 *
 * Unlike TensorFlow, whose `random_normal` draws anew on every call, `eps_t` is a pure
 * function of `(seed, t)` (`normalAt` from the counter-based generator): the same step
 * always gives the same rate, in any order. TensorFlow can return a negative rate when
 * the noise is strongly negative; anneal clamps the rate at 0 instead. Defaults as in
 * TensorFlow (`initialVariance` 1, `varianceDecay` 0.55, `numPeriods` 0.5, `alpha` 0,
 * `beta` 0.001), plus `seed` 0 (an integer in [0, 2³²)).
 *
 * @example
 * const lr = noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, seed: 42 });
 * lr(500) === lr(500); // true: the noise of step 500 is fixed by the seed
 */
export const noisyLinearCosineDecay = factoryOf(noisyLinearCosineDecayDefinition);
