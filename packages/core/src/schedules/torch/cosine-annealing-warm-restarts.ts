import * as z from 'zod/mini';
import { positiveInt, rate } from '../../options.js';
import { geometricCycle } from '../../geometric-cycle.js';
import { lerp } from '../../lerp.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const cosineAnnealingWarmRestartsDefinition = defineSchedule({
  kind: 'cosineAnnealingWarmRestarts',
  schema: z.strictObject({
    kind: z.literal('cosineAnnealingWarmRestarts'),
    initialLearningRate: rate(),
    t0: positiveInt(),
    tMult: z._default(positiveInt(), 1),
    etaMin: z._default(rate(), 0),
  }),
  build: ({ initialLearningRate, t0, tMult, etaMin }) => {
    // A lerp between the two ends, which rounding cannot push below 0 (see cosineAnnealingLR).
    const mix = (c: number) => lerp(etaMin, initialLearningRate, c);
    if (tMult === 1) {
      // step % t0 is exact, so step 1e12 is as accurate as step 12.
      const w = Math.PI / t0;
      return (step) => mix(0.5 + 0.5 * Math.cos(w * (step % t0)));
    }
    // geometricCycle lands an exact restart step in its new cycle, where torch's own
    // step(epoch) can miss it by one (at step 121 for t0 = 1, tMult = 3).
    const cycle = { index: 0, fraction: 0 };
    return (step) => mix(0.5 + 0.5 * Math.cos(Math.PI * geometricCycle(step, t0, tMult, cycle).fraction));
  },
});

/**
 * PyTorch's `CosineAnnealingWarmRestarts` (SGDR): cosine annealing from
 * `initialLearningRate` to `etaMin` over cycles of `t0`, `t0·tMult`, `t0·tMult²`, ...
 * steps, restarting at the top of each cycle.
 *
 *     lr(t) = etaMin + (initialLearningRate − etaMin) · (1 + cos(π · tCur / tI)) / 2
 *
 * where cycle n spans `[S(n), S(n+1))` with `S(n) = t0·(tMult^n − 1)/(tMult − 1)`
 * (`n·t0` when tMult = 1), `tI = t0·tMult^n` and `tCur = t − S(n)`. The cycle index is
 * computed in closed form (`geometricCycle`), so step 1e12 costs what step 1 costs; an
 * exact restart step returns the new cycle's start, `initialLearningRate`, as the
 * stepped class does. `t0` and `tMult` are whole numbers >= 1, as torch demands. A
 * fractional step gives what torch's `scheduler.step(epoch)` gives for that epoch.
 *
 * @example
 * const lr = cosineAnnealingWarmRestarts({ initialLearningRate: 0.1, t0: 10, tMult: 2 });
 * lr(5); // 0.05
 * lr(10); // 0.1 (restart; the next cycle lasts 20 steps)
 */
export const cosineAnnealingWarmRestarts = factoryOf(cosineAnnealingWarmRestartsDefinition);
