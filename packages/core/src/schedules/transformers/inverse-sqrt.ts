import * as z from 'zod/mini';
import { nonNegativeInt, positiveInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const inverseSqrtDefinition = defineSchedule({
  kind: 'inverseSqrt',
  schema: z.strictObject({
    kind: z.literal('inverseSqrt'),
    initialLearningRate: rate(),
    numWarmupSteps: nonNegativeInt(),
    timescale: z.optional(positiveInt()),
  }),
  build: ({ initialLearningRate, numWarmupSteps, timescale: given }) => {
    // HF: `timescale = num_warmup_steps or 10_000`.
    const timescale = given ?? (numWarmupSteps || 10_000);
    // HF's shift = timescale − W makes (t + shift) / timescale = (t − W + timescale) / timescale.
    return linearWarmup(0, initialLearningRate, numWarmupSteps, (local) =>
      initialLearningRate * (1 / Math.sqrt((local + timescale) / timescale)),
    );
  },
});

/**
 * Linear warmup from 0, then inverse square-root decay, as Hugging Face's `get_inverse_sqrt_schedule`
 * (`lr_scheduler_type="inverse_sqrt"`, from big_vision), with τ = timescale:
 *
 *     lr(t) = initialLearningRate · t / max(1, W)                      if t < W
 *     lr(t) = initialLearningRate / √((t + τ − W) / τ)                 otherwise
 *
 * `timescale` defaults to `numWarmupSteps`, or 10 000 when that is 0. The rate is the peak at W.
 *
 * @example
 * const lr = inverseSqrt({ initialLearningRate: 1e-3, numWarmupSteps: 100 });
 * lr(400); // 1e-3 / √4 = 5e-4
 */
export const inverseSqrt = factoryOf(inverseSqrtDefinition);
