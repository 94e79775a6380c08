import * as z from 'zod/mini';
import { rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const constantDefinition = defineSchedule({
  kind: 'constant',
  schema: z.strictObject({
    kind: z.literal('constant'),
    initialLearningRate: rate(),
  }),
  build: ({ initialLearningRate }) => () => initialLearningRate,
});

/**
 * A constant rate, as Hugging Face's `get_constant_schedule` and optax's `constant_schedule`:
 *
 *     lr(t) = initialLearningRate
 *
 * Also the neutral factor of `product` (with `initialLearningRate: 1`).
 *
 * @example
 * const lr = constant({ initialLearningRate: 3e-4 });
 * lr(12_345); // 3e-4
 */
export const constant = factoryOf(constantDefinition);
