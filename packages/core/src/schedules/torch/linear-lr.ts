import * as z from 'zod/mini';
import { fraction, positiveInt, rate } from '../../options.js';
import { lerp } from '../../lerp.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const linearLRDefinition = defineSchedule({
  kind: 'linearLR',
  schema: z.strictObject({
    kind: z.literal('linearLR'),
    initialLearningRate: rate(),
    // torch >= 2 rejects 0: its recursive form would multiply a zero rate forever.
    startFactor: z._default(z.number().check(z.gt(0, 'must be in (0, 1]'), z.lte(1, 'must be in (0, 1]')), 1 / 3),
    endFactor: z._default(fraction(), 1),
    totalIters: z._default(positiveInt(), 5),
  }),
  build: ({ initialLearningRate, startFactor, endFactor, totalIters }) => {
    const start = initialLearningRate * startFactor;
    const end = initialLearningRate * endFactor;
    // A lerp between the two ends, which rounding cannot push below 0 just before
    // totalIters when endFactor is 0 (start + slope·t can, by an ulp).
    return (step) => (step >= totalIters ? end : lerp(start, end, step / totalIters));
  },
});

/**
 * PyTorch's `LinearLR` (closed form `_get_closed_form_lr`): the factor on the rate
 * moves linearly from `startFactor` to `endFactor` over `totalIters` steps, then stays.
 *
 *     lr(t) = initialLearningRate · (startFactor + (endFactor − startFactor) · min(t, totalIters) / totalIters)
 *
 * `startFactor` is in (0, 1] and `endFactor` in [0, 1], as torch 2 demands;
 * `totalIters` is a whole number >= 1. A fractional step interpolates linearly.
 *
 * @example
 * const lr = linearLR({ initialLearningRate: 0.05, startFactor: 0.5, totalIters: 4 });
 * lr(0); // 0.025
 * lr(2); // 0.0375
 * lr(4); // 0.05
 */
export const linearLR = factoryOf(linearLRDefinition);
