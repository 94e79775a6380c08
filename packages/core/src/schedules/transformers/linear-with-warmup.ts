import * as z from 'zod/mini';
import { nonNegativeInt, positiveInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { trainingAtLeastWarmup } from './refinements.js';

export const linearWithWarmupDefinition = defineSchedule({
  kind: 'linearWithWarmup',
  schema: z
    .strictObject({
      kind: z.literal('linearWithWarmup'),
      initialLearningRate: rate(),
      numWarmupSteps: nonNegativeInt(),
      numTrainingSteps: positiveInt(),
    })
    .check(z.superRefine(trainingAtLeastWarmup)),
  build: ({ initialLearningRate, numWarmupSteps, numTrainingSteps }) => {
    const decaySteps = numTrainingSteps - numWarmupSteps;
    const decayDenominator = Math.max(1, decaySteps);
    // After the warmup, t − W steps in: HF's (T − t) / max(1, T − W), 0 from T on.
    return linearWarmup(0, initialLearningRate, numWarmupSteps, (local) =>
      initialLearningRate * Math.max(0, (decaySteps - local) / decayDenominator),
    );
  },
});

/**
 * Linear warmup from 0, then linear decay to 0 at `numTrainingSteps`, as Hugging Face's
 * `get_linear_schedule_with_warmup` (`lr_scheduler_type="linear"`), with W = numWarmupSteps,
 * T = numTrainingSteps:
 *
 *     lr(t) = initialLearningRate · t / max(1, W)                          if t < W
 *     lr(t) = initialLearningRate · max(0, (T − t) / max(1, T − W))        otherwise
 *
 * 0 from T on. `numTrainingSteps` must be >= `numWarmupSteps`.
 *
 * @example
 * const lr = linearWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1100 });
 * lr(50); // 5e-4
 * lr(600); // 5e-4
 */
export const linearWithWarmup = factoryOf(linearWithWarmupDefinition);
