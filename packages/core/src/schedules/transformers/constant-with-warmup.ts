import * as z from 'zod/mini';
import { nonNegativeInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const constantWithWarmupDefinition = defineSchedule({
  kind: 'constantWithWarmup',
  schema: z.strictObject({
    kind: z.literal('constantWithWarmup'),
    initialLearningRate: rate(),
    numWarmupSteps: nonNegativeInt(),
  }),
  // HF divides by max(1, numWarmupSteps) so that 0 warmup steps is no warmup, not 0/0.
  build: ({ initialLearningRate, numWarmupSteps }) => linearWarmup(0, initialLearningRate, numWarmupSteps, () => initialLearningRate),
});

/**
 * Linear warmup from 0, then constant, as Hugging Face's `get_constant_schedule_with_warmup`
 * (`lr_scheduler_type="constant_with_warmup"`), with W = numWarmupSteps:
 *
 *     lr(t) = initialLearningRate · t / max(1, W)     if t < W
 *     lr(t) = initialLearningRate                      otherwise
 *
 * @example
 * const lr = constantWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 100 });
 * lr(25); // 2.5e-4
 * lr(100); // 1e-3
 */
export const constantWithWarmup = factoryOf(constantWithWarmupDefinition);
