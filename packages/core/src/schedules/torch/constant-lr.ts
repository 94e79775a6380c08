import * as z from 'zod/mini';
import { fraction, positiveInt, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const constantLRDefinition = defineSchedule({
  kind: 'constantLR',
  schema: z.strictObject({
    kind: z.literal('constantLR'),
    initialLearningRate: rate(),
    factor: z._default(fraction(), 1 / 3),
    totalIters: z._default(positiveInt(), 5),
  }),
  build: ({ initialLearningRate, factor, totalIters }) => {
    const reduced = initialLearningRate * factor;
    return (step) => (step < totalIters ? reduced : initialLearningRate);
  },
});

/**
 * PyTorch's `ConstantLR` (closed form `_get_closed_form_lr`): the rate is scaled by
 * `factor` until `totalIters` steps have passed, then restored.
 *
 *     lr(t) = initialLearningRate · factor     if t < totalIters
 *           = initialLearningRate              otherwise
 *
 * `factor` is in [0, 1] as torch demands; `totalIters` is a whole number >= 1 (with 0
 * torch's recursive class never restores the rate, unlike its closed form). With
 * `factor` 0 torch's recursive class divides by zero at `totalIters`; anneal follows
 * the closed form and restores the full rate there.
 *
 * @example
 * const lr = constantLR({ initialLearningRate: 0.05, factor: 0.5, totalIters: 4 });
 * lr(3); // 0.025
 * lr(4); // 0.05
 */
export const constantLR = factoryOf(constantLRDefinition);
