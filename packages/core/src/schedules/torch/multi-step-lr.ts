import * as z from 'zod/mini';
import { nonNegativeInt, rate } from '../../options.js';
import { capGrowth, defineSchedule, factoryOf } from '../../schedule.js';

export const multiStepLRDefinition = defineSchedule({
  kind: 'multiStepLR',
  schema: z
    .strictObject({
      kind: z.literal('multiStepLR'),
      initialLearningRate: rate(),
      milestones: z.array(nonNegativeInt()),
      gamma: z._default(rate(), 0.1),
    })
    .check(z.superRefine((o, ctx) => {
      for (let i = 1; i < o.milestones.length; i++) {
        if ((o.milestones[i] as number) < (o.milestones[i - 1] as number)) {
          ctx.addIssue({
            code: 'custom',
            path: ['milestones', i],
            message: `must be >= the milestone before it (${o.milestones[i - 1]}): milestones are sorted ascending`,
          });
        }
      }
    })),
  build: ({ initialLearningRate, milestones, gamma }) => {
    if (initialLearningRate === 0) return () => 0;
    const sorted = Float64Array.from(milestones);
    return capGrowth((step) => {
      // bisect_right: how many milestones are <= step (a repeated milestone counts twice).
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) <= step) lo = mid + 1;
        else hi = mid;
      }
      return initialLearningRate * gamma ** lo;
    }, gamma > 1);
  },
});

/**
 * PyTorch's `MultiStepLR` (closed form `_get_closed_form_lr`): the rate is multiplied
 * by `gamma` at each milestone.
 *
 *     lr(t) = initialLearningRate · gamma ^ #{ m ∈ milestones : m <= t }
 *
 * Milestones are whole steps, sorted ascending; a milestone listed twice multiplies
 * twice, as torch's `Counter` does, and a milestone 0 already applies at step 0. A
 * fractional step behaves like its floor (milestones are whole numbers). `gamma > 1` is allowed
 * (torch allows it); the rate then saturates at `Number.MAX_VALUE` instead of overflowing.
 *
 * @example
 * const lr = multiStepLR({ initialLearningRate: 0.05, milestones: [30, 80] });
 * lr(30); // 0.005
 * lr(80); // 0.0005
 */
export const multiStepLR = factoryOf(multiStepLRDefinition);
