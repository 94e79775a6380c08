import * as z from 'zod/mini';
import { nonNegativeInt, positive, positiveInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { trainingAtLeastWarmup } from './refinements.js';

export const cosineWithHardRestartsDefinition = defineSchedule({
  kind: 'cosineWithHardRestarts',
  schema: z
    .strictObject({
      kind: z.literal('cosineWithHardRestarts'),
      initialLearningRate: rate(),
      numWarmupSteps: nonNegativeInt(),
      numTrainingSteps: positiveInt(),
      numCycles: z._default(positive(), 1),
    })
    .check(z.superRefine(trainingAtLeastWarmup)),
  build: ({ initialLearningRate, numWarmupSteps, numTrainingSteps, numCycles }) => {
    const decayDenominator = Math.max(1, numTrainingSteps - numWarmupSteps);
    return linearWarmup(0, initialLearningRate, numWarmupSteps, (local) => {
      const progress = local / decayDenominator;
      if (progress >= 1) return 0;
      return initialLearningRate * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((numCycles * progress) % 1))));
    });
  },
});

/**
 * Linear warmup from 0, then `numCycles` cosine decays from the peak to 0, each restarting at
 * the peak, as Hugging Face's `get_cosine_with_hard_restarts_schedule_with_warmup`
 * (`lr_scheduler_type="cosine_with_restarts"`), with p = (t − W) / max(1, T − W):
 *
 *     lr(t) = initialLearningRate · t / max(1, W)                       if t < W
 *     lr(t) = initialLearningRate · ½(1 + cos(π·((c·p) mod 1)))         if p < 1
 *     lr(t) = 0                                                         if p >= 1
 *
 * At an exact restart (c·p an integer) the rate is back at the peak.
 *
 * @example
 * const lr = cosineWithHardRestarts({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 1000, numCycles: 2 });
 * lr(499); // near 0, end of the first cycle
 * lr(500); // 1e-3, restart
 */
export const cosineWithHardRestarts = factoryOf(cosineWithHardRestartsDefinition);
