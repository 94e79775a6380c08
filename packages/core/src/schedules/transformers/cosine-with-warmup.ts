import * as z from 'zod/mini';
import { nonNegativeInt, positiveInt, rate } from '../../options.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { cosineWave, cycles, trainingAtLeastWarmup } from './refinements.js';

export const cosineWithWarmupDefinition = defineSchedule({
  kind: 'cosineWithWarmup',
  schema: z
    .strictObject({
      kind: z.literal('cosineWithWarmup'),
      initialLearningRate: rate(),
      numWarmupSteps: nonNegativeInt(),
      numTrainingSteps: positiveInt(),
      numCycles: z._default(cycles(), 0.5),
    })
    .check(z.superRefine(trainingAtLeastWarmup)),
  build: ({ initialLearningRate, numWarmupSteps, numTrainingSteps, numCycles }) => {
    const decayDenominator = Math.max(1, numTrainingSteps - numWarmupSteps);
    const wave = cosineWave(numCycles);
    return linearWarmup(0, initialLearningRate, numWarmupSteps, (local) =>
      initialLearningRate * Math.max(0, wave(local / decayDenominator)),
    );
  },
});

/**
 * Linear warmup from 0, then a cosine wave, as Hugging Face's `get_cosine_schedule_with_warmup`
 * (`lr_scheduler_type="cosine"`), with W = numWarmupSteps, T = numTrainingSteps, c = numCycles:
 *
 *     lr(t) = initialLearningRate · t / max(1, W)                              if t < W
 *     lr(t) = initialLearningRate · max(0, ½(1 + cos(2π·c·p))),  p = (t − W) / max(1, T − W)
 *
 * With the default c = ½ the rate falls from the peak at W to 0 at T. Like Hugging Face,
 * `p` is not clamped: past T the wave goes on (with c = ½ it rises again, back to the peak
 * at 2T − W). Wrap it in `sequence` with a `constant` 0 to hold it at 0 instead.
 *
 * @example
 * const lr = cosineWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1100 });
 * lr(600); // 5e-4, half way down
 */
export const cosineWithWarmup = factoryOf(cosineWithWarmupDefinition);
