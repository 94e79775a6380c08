import { z } from 'zod';
import { rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const exponentialLRDefinition = defineSchedule({
  kind: 'exponentialLR',
  schema: z.object({
    kind: z.literal('exponentialLR'),
    initialLearningRate: rate(),
    gamma: rate(),
  }),
  build: ({ initialLearningRate, gamma }) =>
    // 0 · γ^t would turn into 0 · ∞ = NaN once a growing γ^t overflows.
    initialLearningRate === 0 ? () => 0 : (step) => initialLearningRate * gamma ** step,
});

/**
 * PyTorch's `ExponentialLR` (closed form `_get_closed_form_lr`): the rate is
 * multiplied by `gamma` every step.
 *
 *     lr(t) = initialLearningRate · gamma ^ t
 *
 * A fractional step interpolates geometrically. `gamma > 1` is allowed (an LR range
 * test grows the rate this way); it overflows to `Infinity` far enough out.
 *
 * @example
 * const lr = exponentialLR({ initialLearningRate: 0.1, gamma: 0.9 });
 * lr(2); // 0.081
 */
export const exponentialLR = factoryOf(exponentialLRDefinition);
