import * as z from 'zod/mini';
import { nonNegative, positiveInt, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const polynomialLRDefinition = defineSchedule({
  kind: 'polynomialLR',
  schema: z.strictObject({
    kind: z.literal('polynomialLR'),
    initialLearningRate: rate(),
    totalIters: z._default(positiveInt(), 5),
    power: z._default(nonNegative(), 1),
  }),
  build: ({ initialLearningRate, totalIters, power }) => {
    // 0 ** 0 is 1 in JavaScript as in Python, so power 0 keeps the rate, as torch does.
    const end = initialLearningRate * 0 ** power;
    return (step) => (step < totalIters ? initialLearningRate * (1 - step / totalIters) ** power : end);
  },
});

/**
 * PyTorch's `PolynomialLR` (closed form `_get_closed_form_lr`): the rate decays
 * polynomially to 0 over `totalIters` steps, then stays there.
 *
 *     lr(t) = initialLearningRate · (1 − min(t, totalIters) / totalIters) ^ power
 *
 * `totalIters` is a whole number >= 1; `power` >= 0 (a negative power would divide by
 * zero at `totalIters`). A fractional step follows the same curve.
 *
 * @example
 * const lr = polynomialLR({ initialLearningRate: 0.001, totalIters: 4 });
 * lr(1); // 0.00075
 * lr(4); // 0
 */
export const polynomialLR = factoryOf(polynomialLRDefinition);
