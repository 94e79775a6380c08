import * as z from 'zod/mini';
import { rate } from '../../options.js';
import { capGrowth, defineSchedule, factoryOf } from '../../schedule.js';

export const exponentialLRDefinition = defineSchedule({
  kind: 'exponentialLR',
  schema: z.strictObject({
    kind: z.literal('exponentialLR'),
    initialLearningRate: rate(),
    gamma: rate(),
  }),
  build: ({ initialLearningRate, gamma }) =>
    // 0 · γ^t would turn into 0 · ∞ = NaN once a growing γ^t overflows.
    initialLearningRate === 0 ? () => 0 : capGrowth((step) => initialLearningRate * gamma ** step, gamma > 1),
});

/**
 * PyTorch's `ExponentialLR` (closed form `_get_closed_form_lr`): the rate is
 * multiplied by `gamma` every step.
 *
 *     lr(t) = initialLearningRate · gamma ^ t
 *
 * A fractional step interpolates geometrically. `gamma > 1` is allowed (an LR range
 * test grows the rate this way), capped at `Number.MAX_VALUE` far out.
 *
 * @example
 * const lr = exponentialLR({ initialLearningRate: 0.1, gamma: 0.9 });
 * lr(2); // 0.081
 */
export const exponentialLR = factoryOf(exponentialLRDefinition);
