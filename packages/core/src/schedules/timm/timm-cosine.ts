import * as z from 'zod';
import { nonNegative, nonNegativeInt, positive, positiveInt, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const timmCosineDefinition = defineSchedule({
  kind: 'timmCosine',
  schema: z.strictObject({
    kind: z.literal('timmCosine'),
    initialLearningRate: rate(),
    tInitial: positiveInt(),
    lrMin: rate().default(0),
    cycleMul: positive().default(1),
    cycleDecay: nonNegative().default(1),
    cycleLimit: positiveInt().default(1),
    warmupT: nonNegativeInt().default(0),
    warmupLrInit: rate().default(0),
    warmupPrefix: z.boolean().default(false),
    kDecay: positive().default(1),
  }),
  build: (o) => {
    const { initialLearningRate: base, tInitial, lrMin, cycleMul: m, cycleDecay, cycleLimit, kDecay: k } = o;
    const { warmupT, warmupLrInit, warmupPrefix } = o;
    const warmupSlope = warmupT > 0 ? (base - warmupLrInit) / warmupT : 0;
    const geometric = m !== 1;
    const logM = Math.log(m);
    // Start of cycle i: T·(1 − mⁱ)/(1 − m), the sum of the lengths T·m⁰ … T·mⁱ⁻¹.
    const cycleStart = (i: number) => (tInitial * (1 - m ** i)) / (1 - m);
    return (step) => {
      if (step < warmupT) return warmupLrInit + step * warmupSlope;
      const t = warmupPrefix ? step - warmupT : step;
      let i: number;
      let start: number;
      let length: number;
      if (geometric) {
        const x = 1 - (t / tInitial) * (1 - m);
        // Only for m < 1: the cycles shrink and all of them end by T / (1 − m).
        if (!(x > 0)) return lrMin;
        i = Math.floor(Math.log(x) / logM);
        // floor(log) can land one cycle off at an exact boundary (log(1000)/log(10) < 3):
        // one correction each way puts t in [start(i), start(i + 1)).
        if (t >= cycleStart(i + 1)) i += 1;
        else if (t < cycleStart(i)) i -= 1;
        if (i >= cycleLimit) return lrMin;
        start = cycleStart(i);
        length = tInitial * m ** i;
      } else {
        i = Math.floor(t / tInitial);
        if (i >= cycleLimit) return lrMin;
        start = tInitial * i;
        length = tInitial;
      }
      const lrMax = base * cycleDecay ** i;
      // (tcur / Tᵢ)^k is timm's tcur^k / Tᵢ^k without overflow for large k; the guards only
      // matter where float rounding leaves tcur a hair outside [0, Tᵢ].
      const elapsed = t - start;
      const fraction = elapsed > 0 ? Math.min(1, elapsed / length) ** k : 0;
      // timm's lrMin + ½(lrMax − lrMin)(1 + cos), as a convex combination: it cannot round below 0.
      const weight = 0.5 * (1 + Math.cos(Math.PI * fraction));
      return lrMin * (1 - weight) + lrMax * weight;
    };
  },
});

/**
 * Cosine decay with warmup, restarts and k-decay, as timm's `CosineLRScheduler` (`--sched cosine`),
 * `initialLearningRate` being the optimizer's base lr. Warmup is linear from `warmupLrInit` over
 * `warmupT` steps; after it, t = step − warmupT if `warmupPrefix`, else t = step (timm's default:
 * the cosine then starts part-way down). Cycle i (from 0) lasts Tᵢ = tInitial·cycleMulⁱ, and
 *
 *     i = floor(log_m(1 − t/tInitial·(1 − m)))   (m = cycleMul ≠ 1),   i = floor(t / tInitial)   (m = 1)
 *     lr = lrMin + ½(base·cycleDecayⁱ − lrMin)·(1 + cos(π·(tcur / Tᵢ)^kDecay))    if i < cycleLimit
 *     lr = lrMin                                                                  otherwise
 *
 * with tcur = t − (start of cycle i). The cycle index is closed form (no loop): the logarithm,
 * then one exact check against the cycle's start and end, so an exact boundary always starts
 * the new cycle. timm's `noise_*` options are not modelled.
 *
 * @example
 * const lr = timmCosine({ initialLearningRate: 0.1, tInitial: 100, lrMin: 1e-4, cycleLimit: 3, cycleDecay: 0.5 });
 * lr(100); // 0.05, second cycle's peak
 */
export const timmCosine = factoryOf(timmCosineDefinition);
