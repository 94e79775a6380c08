import * as z from 'zod';
import { positiveInt, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const cosineAnnealingWarmRestartsDefinition = defineSchedule({
  kind: 'cosineAnnealingWarmRestarts',
  schema: z.strictObject({
    kind: z.literal('cosineAnnealingWarmRestarts'),
    initialLearningRate: rate(),
    t0: positiveInt(),
    tMult: positiveInt().default(1),
    etaMin: rate().default(0),
  }),
  build: ({ initialLearningRate, t0, tMult, etaMin }) => {
    // A convex mix of the two ends, which rounding cannot push below 0 (see cosineAnnealingLR).
    const mix = (c: number) => initialLearningRate * c + etaMin * (1 - c);
    if (tMult === 1) {
      const w = Math.PI / t0;
      return (step) => mix(0.5 + 0.5 * Math.cos(w * (step % t0)));
    }
    // Cycle n starts at S(n) = t0 · (tMult^n − 1) / (tMult − 1) and lasts t0 · tMult^n.
    const perStep = (tMult - 1) / t0;
    const logMult = Math.log(tMult);
    const startOf = (n: number) => (t0 * (tMult ** n - 1)) / (tMult - 1);
    return (step) => {
      let n = Math.floor(Math.log1p(step * perStep) / logMult);
      // The logarithm can land one ulp on the wrong side of an exact restart step
      // (torch's own step(epoch) does, e.g. at step 121 for t0 = 1, tMult = 3); one
      // correction either way puts the restart step in its new cycle.
      let start = startOf(n);
      if (start > step) start = startOf(--n);
      else {
        const next = startOf(n + 1);
        if (next <= step) {
          n++;
          start = next;
        }
      }
      return mix(0.5 + 0.5 * Math.cos((Math.PI * (step - start)) / (t0 * tMult ** n)));
    };
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
 * computed in closed form (a logarithm), so step 1e12 costs what step 1 costs; an
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
