import * as z from 'zod/mini';
import { fraction, nonNegativeInt, positiveInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { cosineWave, cycles, trainingAtLeastWarmup } from './refinements.js';

export const cosineWithMinLrDefinition = defineSchedule({
  kind: 'cosineWithMinLr',
  schema: z
    .strictObject({
      kind: z.literal('cosineWithMinLr'),
      initialLearningRate: rate(),
      numWarmupSteps: nonNegativeInt(),
      numTrainingSteps: positiveInt(),
      numCycles: z._default(cycles(), 0.5),
      minLr: z.optional(rate()),
      minLrRate: z.optional(fraction()),
    })
    .check(z.superRefine(trainingAtLeastWarmup), z.superRefine((o, ctx) => {
      if (o.minLr !== undefined && o.minLrRate !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['minLrRate'], message: 'set only one of minLr and minLrRate' });
      } else if (o.minLr === undefined && o.minLrRate === undefined) {
        ctx.addIssue({ code: 'custom', path: ['minLr'], message: 'one of minLr or minLrRate is required' });
      } else if (o.minLr !== undefined && o.minLr > o.initialLearningRate) {
        ctx.addIssue({
          code: 'custom',
          path: ['minLr'],
          message: `must be <= initialLearningRate (${o.initialLearningRate})`,
        });
      }
    })),
  build: ({ initialLearningRate, numWarmupSteps, numTrainingSteps, numCycles, minLr, minLrRate }) => {
    // HF turns minLr into a ratio of the optimizer's lr; a zero lr has only the ratio 0.
    const floor = minLrRate ?? (initialLearningRate > 0 ? (minLr as number) / initialLearningRate : 0);
    const decayDenominator = Math.max(1, numTrainingSteps - numWarmupSteps);
    const wave = cosineWave(numCycles);
    return linearWarmup(0, initialLearningRate, numWarmupSteps, (local) =>
      initialLearningRate * Math.max(0, wave(local / decayDenominator) * (1 - floor) + floor),
    );
  },
});

/**
 * `cosineWithWarmup` that bottoms out at a minimum rate instead of 0, as Hugging Face's
 * `get_cosine_with_min_lr_schedule_with_warmup` (`lr_scheduler_type="cosine_with_min_lr"`).
 * Give exactly one of `minLr` (a rate, <= initialLearningRate) or `minLrRate` (a fraction of it);
 * with r = minLrRate or minLr / initialLearningRate:
 *
 *     lr(t) = initialLearningRate · t / max(1, W)                                 if t < W
 *     lr(t) = initialLearningRate · (f·(1 − r) + r),  f = ½(1 + cos(2π·c·(t − W) / max(1, T − W)))
 *
 * The warmup starts at 0, not at the minimum. As in Hugging Face the wave is not clamped past T.
 *
 * @example
 * const lr = cosineWithMinLr({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1100, minLr: 1e-4 });
 * lr(1100); // 1e-4
 */
export const cosineWithMinLr = factoryOf(cosineWithMinLrDefinition);
