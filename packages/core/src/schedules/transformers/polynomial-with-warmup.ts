import * as z from 'zod/mini';
import { nonNegative, nonNegativeInt, positiveInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const polynomialWithWarmupDefinition = defineSchedule({
  kind: 'polynomialWithWarmup',
  schema: z
    .strictObject({
      kind: z.literal('polynomialWithWarmup'),
      initialLearningRate: rate(),
      numWarmupSteps: nonNegativeInt(),
      numTrainingSteps: positiveInt(),
      lrEnd: z._default(rate(), 1e-7),
      power: z._default(nonNegative(), 1),
    })
    .check(z.superRefine((o, ctx) => {
      // HF raises on lr_end >= lr, and divides by T − W with no max(1, ·): T = W would be 0/0.
      if (!(o.lrEnd < o.initialLearningRate)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lrEnd'],
          message: `must be < initialLearningRate (${o.initialLearningRate})`,
        });
      }
      if (!(o.numTrainingSteps > o.numWarmupSteps)) {
        ctx.addIssue({
          code: 'custom',
          path: ['numTrainingSteps'],
          message: `must be > numWarmupSteps (${o.numWarmupSteps})`,
        });
      }
    })),
  build: ({ initialLearningRate, numWarmupSteps, numTrainingSteps, lrEnd, power }) => {
    const decaySteps = numTrainingSteps - numWarmupSteps;
    const range = initialLearningRate - lrEnd;
    // (lr₀ − lrEnd) + lrEnd can round one ulp above lr₀ (HF's value does), so the peak is capped at lr₀.
    return linearWarmup(0, initialLearningRate, numWarmupSteps, (local) =>
      local > decaySteps ? lrEnd : Math.min(initialLearningRate, range * (1 - local / decaySteps) ** power + lrEnd),
    );
  },
});

/**
 * Linear warmup from 0, then polynomial decay to `lrEnd` at `numTrainingSteps`, as Hugging Face's
 * `get_polynomial_decay_schedule_with_warmup` (`lr_scheduler_type="polynomial"`), with
 * lr₀ = initialLearningRate:
 *
 *     lr(t) = lr₀ · t / max(1, W)                                   if t < W
 *     lr(t) = (lr₀ − lrEnd) · (1 − (t − W) / (T − W))^power + lrEnd  if W <= t <= T
 *     lr(t) = lrEnd                                                 if t > T
 *
 * `lrEnd` must be < initialLearningRate and `numTrainingSteps` > `numWarmupSteps`, as in Hugging Face.
 * The rate never exceeds lr₀: where HF's sum rounds an ulp above it, this returns lr₀.
 *
 * @example
 * const lr = polynomialWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 100, lrEnd: 0, power: 2 });
 * lr(50); // 2.5e-4
 */
export const polynomialWithWarmup = factoryOf(polynomialWithWarmupDefinition);
