import * as z from 'zod/mini';
import { fraction, nonNegative, positive, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const cosineDecayDefinition = defineSchedule({
  kind: 'cosineDecay',
  schema: z.strictObject({
    kind: z.literal('cosineDecay'),
    initialLearningRate: rate(),
    decaySteps: positive(),
    alpha: z._default(fraction(), 0),
    // Keras 3: absent or null means no warmup (and warmupSteps is then ignored).
    warmupTarget: z.nullish(rate()),
    warmupSteps: z._default(nonNegative(), 0),
  }),
  build: ({ initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps }) => {
    const halfSpan = 0.5 * (1 - alpha);
    // The fraction first, as Keras does: π · step would overflow for a step near Number.MAX_VALUE.
    const decay = (top: number) => (step: number) =>
      top * (halfSpan * (1 + Math.cos(Math.PI * (Math.min(step, decaySteps) / decaySteps))) + alpha);
    if (warmupTarget === null || warmupTarget === undefined) return decay(initialLearningRate);
    return linearWarmup(initialLearningRate, warmupTarget, warmupSteps, decay(warmupTarget));
  },
});

/**
 * Cosine decay with optional linear warmup, as Keras 3's `CosineDecay` (and, without
 * warmup, TensorFlow's `tf.compat.v1.train.cosine_decay`):
 *
 *     decay(s, top) = top · ((1 − alpha) · ½(1 + cos(π · s / decaySteps)) + alpha)
 *
 *     no warmupTarget:  lr(t) = decay(min(t, decaySteps), initialLearningRate)
 *     with warmupTarget: t' = min(t, warmupSteps + decaySteps)
 *                        lr(t) = initialLearningRate + (warmupTarget − initialLearningRate) · t' / warmupSteps   if t' < warmupSteps
 *                              = decay(t' − warmupSteps, warmupTarget)                                             otherwise
 *
 * As in Keras 3, `alpha` is a fraction of `warmupTarget` when there is a warmup (of
 * `initialLearningRate` otherwise), and `warmupSteps` only counts when `warmupTarget` is
 * set (absent or `null` means no warmup). With `warmupTarget` set and `warmupSteps` 0 the
 * decay starts from `warmupTarget` at step 0, as in Keras. `alpha` must lie in [0, 1]
 * (outside it the rate would rise or go negative); the rate never exceeds
 * `max(initialLearningRate, warmupTarget)`.
 *
 * @example
 * const lr = cosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 100 });
 * lr(50);  // 0.05 (halfway up the warmup)
 * lr(600); // 0.05 (halfway down the cosine)
 */
export const cosineDecay = factoryOf(cosineDecayDefinition);
