import * as z from 'zod/mini';
import { nonNegative, positive, rate } from '../../options.js';
import { periodicCosine } from '../../periodic-cosine.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

/**
 * Refuses options whose largest possible rate, initialLearningRate · (1 + alpha + beta + noise),
 * is not a finite number: the schedule could not stay finite.
 */
export function finitePeak(
  o: { initialLearningRate: number; alpha: number; beta: number },
  ctx: z.core.$RefinementCtx,
  noise = { bound: 0, term: '' },
): void {
  if (!Number.isFinite(o.initialLearningRate * (1 + o.alpha + noise.bound + o.beta))) {
    ctx.addIssue({
      code: 'custom',
      path: ['initialLearningRate'],
      message: `must keep the peak rate initialLearningRate · (1 + alpha${noise.term} + beta) finite (at most Number.MAX_VALUE)`,
    });
  }
}

/** The options linearCosineDecay and noisyLinearCosineDecay share, with TensorFlow's defaults. */
export const linearCosineShape = {
  initialLearningRate: rate(),
  decaySteps: positive(),
  numPeriods: z._default(nonNegative(), 0.5),
  // alpha >= 0 and beta >= 0 keep (alpha + linear) · cosine + beta >= 0.
  alpha: z._default(nonNegative(), 0),
  beta: z._default(nonNegative(), 0.001),
};

export const linearCosineDecayDefinition = defineSchedule({
  kind: 'linearCosineDecay',
  schema: z.strictObject({ kind: z.literal('linearCosineDecay'), ...linearCosineShape }).check(z.superRefine((o, ctx) => finitePeak(o, ctx))),
  build: ({ initialLearningRate, decaySteps, numPeriods, alpha, beta }) => (step) => {
    const t = Math.min(step, decaySteps);
    const linear = (decaySteps - t) / decaySteps;
    return initialLearningRate * ((alpha + linear) * periodicCosine(numPeriods, t / decaySteps) + beta);
  },
});

/**
 * Linear cosine decay (Bello et al., 2017), as TensorFlow's
 * `tf.compat.v1.train.linear_cosine_decay` / `LinearCosineDecay`:
 *
 *     t' = min(t, decaySteps)
 *     linear = (decaySteps − t') / decaySteps
 *     cosine = ½(1 + cos(2π · numPeriods · t' / decaySteps))
 *     lr(t) = initialLearningRate · ((alpha + linear) · cosine + beta)
 *
 * Defaults as in TensorFlow: `numPeriods` 0.5, `alpha` 0, `beta` 0.001. Note that
 * `beta` is added on top, so `lr(0) = initialLearningRate · (1 + alpha + beta)`: the rate
 * stays within `[initialLearningRate · beta, initialLearningRate · (1 + alpha + beta)]`.
 * `alpha`, `beta` and `numPeriods` must be >= 0 (negative `alpha` or `beta` could make
 * the rate negative), and the peak `initialLearningRate · (1 + alpha + beta)` finite.
 *
 * @example
 * const lr = linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 });
 * lr(500); // 0.1 · (0.5 · 0.5 + 0.001) = 0.0251
 */
export const linearCosineDecay = factoryOf(linearCosineDecayDefinition);
