import * as z from 'zod/mini';
import { positiveInt, rate } from '../../options.js';
import { lerp } from '../../lerp.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const cosineAnnealingLRDefinition = defineSchedule({
  kind: 'cosineAnnealingLR',
  schema: z.strictObject({
    kind: z.literal('cosineAnnealingLR'),
    initialLearningRate: rate(),
    tMax: positiveInt(),
    etaMin: z._default(rate(), 0),
  }),
  build: ({ initialLearningRate, tMax, etaMin }) => {
    const period = 2 * tMax;
    const w = Math.PI / tMax;
    // Reducing modulo the period first keeps the cosine's argument small, so step 1e12
    // is as exact as step 12 (cos(π · 1e12 / tMax) would lose about 1e-4 to rounding).
    // The rate is a lerp between the two ends, which rounding cannot push outside them
    // (torch's etaMin + (lr − etaMin)·c can go below 0 by an ulp when lr < etaMin).
    return (step) => lerp(etaMin, initialLearningRate, 0.5 + 0.5 * Math.cos(w * (step % period)));
  },
});

/**
 * PyTorch's `CosineAnnealingLR` (closed form `_get_closed_form_lr`): half a cosine
 * from `initialLearningRate` down to `etaMin` over `tMax` steps.
 *
 *     lr(t) = etaMin + (initialLearningRate − etaMin) · (1 + cos(π · t / tMax)) / 2
 *
 * Past `tMax` the cosine goes on, back up to `initialLearningRate` at `2·tMax` and so
 * on with period `2·tMax`: that is what torch's recursive class does when stepped past
 * `tMax` (it is not a restart; use `cosineAnnealingWarmRestarts` for restarts).
 * `tMax` is a whole number >= 1. `etaMin` above `initialLearningRate` is allowed (the
 * cosine then rises), as in torch. A fractional step follows the same curve.
 *
 * @example
 * const lr = cosineAnnealingLR({ initialLearningRate: 0.1, tMax: 100 });
 * lr(50); // 0.05
 * lr(100); // 0
 */
export const cosineAnnealingLR = factoryOf(cosineAnnealingLRDefinition);
