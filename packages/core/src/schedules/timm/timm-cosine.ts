import * as z from 'zod/mini';
import { nonNegative, nonNegativeInt, positive, positiveInt, rate } from '../../options.js';
import { geometricCycle } from '../../geometric-cycle.js';
import { lerp } from '../../lerp.js';
import { linearWarmup } from '../../linear-warmup.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const timmCosineDefinition = defineSchedule({
  kind: 'timmCosine',
  schema: z.strictObject({
    kind: z.literal('timmCosine'),
    initialLearningRate: rate(),
    tInitial: positiveInt(),
    lrMin: z._default(rate(), 0),
    cycleMul: z._default(positive(), 1),
    cycleDecay: z._default(nonNegative(), 1),
    cycleLimit: z._default(positiveInt(), 1),
    warmupT: z._default(nonNegativeInt(), 0),
    warmupLrInit: z._default(rate(), 0),
    warmupPrefix: z._default(z.boolean(), false),
    kDecay: z._default(positive(), 1),
  }),
  build: (o) => {
    const { initialLearningRate: base, tInitial, lrMin, cycleMul, cycleDecay, cycleLimit, kDecay: k } = o;
    const cycle = { index: 0, fraction: 0 };
    // A growing cycleDecay saturates the cycle's peak at Number.MAX_VALUE (a zero base stays 0:
    // no 0 · ∞ once the power overflows).
    const peak = base === 0 ? () => 0 : (i: number) => Math.min(base * cycleDecay ** i, Number.MAX_VALUE);
    const cosine = (t: number) => {
      const { index, fraction } = geometricCycle(t, tInitial, cycleMul, cycle);
      if (index >= cycleLimit) return lrMin;
      // (tcur / Tᵢ)^k is timm's tcur^k / Tᵢ^k without overflow for large k. timm's
      // lrMin + ½(lrMax − lrMin)(1 + cos) as a lerp: it cannot round outside its ends.
      return lerp(lrMin, peak(index), 0.5 * (1 + Math.cos(Math.PI * fraction ** k)));
    };
    // Without warmupPrefix the warmup overlays the first warmupT steps (the cosine then starts
    // part-way down); with it the cosine starts after the warmup.
    return linearWarmup(o.warmupLrInit, base, o.warmupT, cosine, !o.warmupPrefix);
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
 * with tcur = t − (start of cycle i). The cycle index is closed form (`geometricCycle`, no loop),
 * so an exact boundary always starts the new cycle. A `cycleDecay` > 1 grows the peak each
 * cycle; it saturates at `Number.MAX_VALUE`. timm's `noise_*` options are not modelled.
 *
 * @example
 * const lr = timmCosine({ initialLearningRate: 0.1, tInitial: 100, lrMin: 1e-4, cycleLimit: 3, cycleDecay: 0.5 });
 * lr(100); // 0.05, second cycle's peak
 */
export const timmCosine = factoryOf(timmCosineDefinition);
