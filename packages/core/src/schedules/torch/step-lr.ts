import * as z from 'zod/mini';
import { positiveInt, rate } from '../../options.js';
import { capGrowth, defineSchedule, factoryOf } from '../../schedule.js';

export const stepLRDefinition = defineSchedule({
  kind: 'stepLR',
  schema: z.strictObject({
    kind: z.literal('stepLR'),
    initialLearningRate: rate(),
    stepSize: positiveInt(),
    gamma: z._default(rate(), 0.1),
  }),
  build: ({ initialLearningRate, stepSize, gamma }) =>
    // 0 · γ^k would turn into 0 · ∞ = NaN once a growing γ^k overflows.
    initialLearningRate === 0
      ? () => 0
      : capGrowth((step) => initialLearningRate * gamma ** Math.floor(step / stepSize), gamma > 1),
});

/**
 * PyTorch's `StepLR` (closed form `_get_closed_form_lr`): the rate is multiplied by
 * `gamma` every `stepSize` steps.
 *
 *     lr(t) = initialLearningRate · gamma ^ floor(t / stepSize)
 *
 * `stepSize` is a whole number >= 1. A fractional step is floored, as the class only
 * changes the rate at whole steps. `gamma > 1` is allowed (torch allows it); such a
 * schedule grows without bound, capped at `Number.MAX_VALUE` far out.
 *
 * @example
 * const lr = stepLR({ initialLearningRate: 0.05, stepSize: 30 });
 * lr(29); // 0.05
 * lr(30); // 0.005 (gamma defaults to 0.1)
 */
export const stepLR = factoryOf(stepLRDefinition);
