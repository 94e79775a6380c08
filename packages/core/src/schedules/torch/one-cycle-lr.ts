import * as z from 'zod/mini';
import { positive, positiveInt, rate } from '../../options.js';
import { lerp } from '../../lerp.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const annealStrategies = ['cos', 'linear'] as const;

export const oneCycleLRDefinition = defineSchedule({
  kind: 'oneCycleLR',
  schema: z
    .strictObject({
      kind: z.literal('oneCycleLR'),
      maxLr: rate(),
      totalSteps: positiveInt(),
      pctStart: z._default(z.number().check(z.gt(0, 'must be in (0, 1)'), z.lt(1, 'must be in (0, 1)')), 0.3),
      annealStrategy: z._default(z.enum(annealStrategies), 'cos'),
      divFactor: z._default(positive(), 25),
      finalDivFactor: z._default(positive(), 1e4),
      threePhase: z._default(z.boolean(), false),
    })
    .check(z.refine((o) => o.pctStart * o.totalSteps !== 1, {
      message: 'must not make pctStart · totalSteps exactly 1 (the warm-up would last 0 steps; torch divides by zero)',
      path: ['pctStart'],
    }), z.refine((o) => Number.isFinite(o.maxLr / o.divFactor / o.finalDivFactor) && Number.isFinite(o.maxLr / o.divFactor), {
      message: 'must keep the start rate maxLr / divFactor and the final rate maxLr / divFactor / finalDivFactor finite',
      path: ['divFactor'],
    })),
  build: ({ maxLr, totalSteps, pctStart, annealStrategy, divFactor, finalDivFactor, threePhase }) => {
    const initialLr = maxLr / divFactor;
    const minLr = initialLr / finalDivFactor;
    // torch's annealers, written as lerps between their ends (the same values up to
    // rounding, and never outside the two whatever the rounding).
    const anneal =
      annealStrategy === 'cos'
        ? (from: number, to: number, pct: number) => lerp(to, from, 0.5 + 0.5 * Math.cos(Math.PI * pct))
        : lerp;
    // Phase ends exactly as torch writes them; each phase starts where the last ended.
    const last = totalSteps - 1;
    const end1 = pctStart * totalSteps - 1;
    const end2 = threePhase ? 2 * pctStart * totalSteps - 2 : last;
    const at = threePhase
      ? (t: number) =>
          t <= end1
            ? anneal(initialLr, maxLr, t / end1)
            : t <= end2
              ? anneal(maxLr, initialLr, (t - end1) / (end2 - end1))
              : anneal(initialLr, minLr, (t - end2) / (last - end2))
      : (t: number) =>
          t <= end1 ? anneal(initialLr, maxLr, t / end1) : anneal(maxLr, minLr, (t - end1) / (last - end1));
    // Torch computes step totalSteps by running its last phase past its end (the rate
    // dips below minLr, even below 0 when linear) and raises after it; anneal holds the
    // value at the end of the last phase, step totalSteps − 1, from there on.
    const final = at(last);
    return (step) => (step < last ? at(step) : final);
  },
});

/**
 * PyTorch's `OneCycleLR` (the 1cycle policy, Smith & Topin 2017): warm up from
 * `maxLr / divFactor` to `maxLr` over the first `pctStart` of `totalSteps`, then anneal
 * down to `maxLr / divFactor / finalDivFactor` by step `totalSteps − 1`.
 *
 *     phase ends: e1 = pctStart·totalSteps − 1, then totalSteps − 1
 *       (threePhase: e1, 2·pctStart·totalSteps − 2, totalSteps − 1)
 *     in phase i (from its start s to its end e): lr(t) = anneal(from, to, (t − s) / (e − s))
 *     cos: to + (from − to)·(1 + cos(π·pct))/2      linear: from + (to − from)·pct
 *
 * The phases go initial → max → min (threePhase: initial → max → initial → min), with
 * torch's exact phase boundaries. torch sets the rate itself, so there is no
 * `initialLearningRate`. Past the end torch raises (and its value at step `totalSteps`
 * overshoots its last phase); anneal holds the final value `lr(totalSteps − 1)` for
 * every step from `totalSteps − 1` on. `pctStart` is in (0, 1) and must not make
 * `pctStart · totalSteps` exactly 1 (torch divides by zero there). A fractional step
 * follows the same curves.
 *
 * @example
 * const lr = oneCycleLR({ maxLr: 0.1, totalSteps: 1000 });
 * lr(0); // 0.004 (0.1 / 25)
 * lr(299); // 0.1
 * lr(999); // 4e-7 (0.004 / 1e4)
 */
export const oneCycleLR = factoryOf(oneCycleLRDefinition);
