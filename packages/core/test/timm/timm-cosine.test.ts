import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timmCosine } from '@anneal/core';
import { expectClose, expectNonIncreasing, expectTable, grid, roundOff } from '../support.js';

// Reference: huggingface/pytorch-image-models timm/scheduler/cosine_lr.py (commit aa4b5850c154),
// CosineLRScheduler._get_lr, written out line for line (base = the optimizer's lr).
interface TimmOptions {
  base: number;
  tInitial: number;
  lrMin: number;
  cycleMul: number;
  cycleDecay: number;
  cycleLimit: number;
  warmupT: number;
  warmupLrInit: number;
  warmupPrefix: boolean;
  kDecay: number;
}
function timmGetLr(o: TimmOptions, step: number): number {
  if (step < o.warmupT) return o.warmupLrInit + step * ((o.base - o.warmupLrInit) / o.warmupT);
  const t = o.warmupPrefix ? step - o.warmupT : step;
  let i: number;
  let tI: number;
  let tCurr: number;
  if (o.cycleMul !== 1) {
    i = Math.floor(Math.log(1 - (t / o.tInitial) * (1 - o.cycleMul)) / Math.log(o.cycleMul));
    tI = o.cycleMul ** i * o.tInitial;
    tCurr = t - ((1 - o.cycleMul ** i) / (1 - o.cycleMul)) * o.tInitial;
  } else {
    i = Math.floor(t / o.tInitial);
    tI = o.tInitial;
    tCurr = t - o.tInitial * i;
  }
  const lrMax = o.base * o.cycleDecay ** i;
  if (i < o.cycleLimit) return o.lrMin + 0.5 * (lrMax - o.lrMin) * (1 + Math.cos((Math.PI * tCurr ** o.kDecay) / tI ** o.kDecay));
  return o.lrMin;
}

const timmDefaults = { cycleMul: 1, cycleDecay: 1, cycleLimit: 1, warmupT: 0, warmupLrInit: 0, warmupPrefix: false, kDecay: 1, lrMin: 0 };

// Produced by running timm's own cosine_lr.py and scheduler.py (at that commit) in Python with
// a stand-in optimizer whose lr is 0.1, reading CosineLRScheduler._get_lr(t).
const golden = {
  plain: [[0, 0.1], [50, 0.050050000000000004], [99, 0.0001246473097317066], [100, 0.0001], [101, 0.0001], [1e6, 0.0001], [1e12, 0.0001]],
  mul2Warmup: [
    [0, 1e-5], [5, 0.05000500000000001], [9, 0.09000100000000001], [10, 0.09755527298894293], [50, 0.050050000000000004],
    [99, 0.0001246473097317066], [100, 0.05], [200, 0.02505], [299, 0.00010307801958256835], [300, 0.025], [500, 0.01255],
    [699, 0.0001003839873223687], [700, 0.0001], [1e6, 0.0001], [1e12, 0.0001],
  ],
  mul2WarmupPrefix: [
    [0, 1e-5], [9, 0.09000100000000001], [10, 0.1], [60, 0.050050000000000004], [109, 0.0001246473097317066], [110, 0.05],
    [310, 0.025], [709, 0.0001003839873223687], [710, 0.0001], [1e6, 0.0001], [1e12, 0.0001],
  ],
  k2: [
    [0, 0.1], [25, 0.09903926402016153], [50, 0.08535533905932738], [75, 0.04024548389919358], [99, 9.767972996053143e-5],
    [100, 0.010000000000000002], [150, 0.008535533905932738], [199, 9.767972996053145e-6], [200, 0.0],
  ],
  // timm raises "math domain error" at 200 and beyond: the shrinking cycles all end by 100 / (1 − 0.5).
  mulHalf: [
    [0, 0.1], [50, 0.0505], [99, 0.0010244252618962857], [100, 0.1], [149, 0.0010976769428005578], [150, 0.1],
    [175, 0.1], [199, 0.01894751250743986],
  ],
  // tInitial 1, cycleMul 10, cycleLimit 5: cycles start at 0, 1, 11, 111, 1111 and all end at 11111.
  // Left out: 111, where floor(log(1000) / log(10)) = floor(2.9999999999999996) puts timm at the
  // end of cycle 2 (lrMin, 0.001) instead of the start of cycle 3.
  mul10: [
    [0, 0.1], [1, 0.1], [10, 0.0034227024433899004], [11, 0.1], [60, 0.052054832574367355], [110, 0.0010244252618962857],
    [1110, 0.0010002442725080185], [1111, 0.1], [11110, 0.001000002442727067], [11111, 0.001],
  ],
} satisfies Record<string, [number, number][]>;

describe('timmCosine (timm CosineLRScheduler)', () => {
  it('matches timm for one plain cycle, then lrMin far past it', () => {
    expectTable(timmCosine({ initialLearningRate: 0.1, tInitial: 100, lrMin: 1e-4 }), golden.plain, roundOff);
  });

  it('matches timm with warmup (not a prefix), cycleMul 2, cycleDecay 0.5 and cycleLimit 3', () => {
    const options = { initialLearningRate: 0.1, tInitial: 100, lrMin: 1e-4, cycleMul: 2, cycleDecay: 0.5, cycleLimit: 3, warmupT: 10, warmupLrInit: 1e-5 };
    expectTable(timmCosine(options), golden.mul2Warmup, roundOff);
  });

  it('matches timm with warmupPrefix: the first cycle starts at the peak when warmup ends', () => {
    const options = {
      initialLearningRate: 0.1, tInitial: 100, lrMin: 1e-4, cycleMul: 2, cycleDecay: 0.5, cycleLimit: 3,
      warmupT: 10, warmupLrInit: 1e-5, warmupPrefix: true,
    };
    expectTable(timmCosine(options), golden.mul2WarmupPrefix, roundOff);
  });

  it('matches timm with kDecay 2 over two cycles', () => {
    expectTable(timmCosine({ initialLearningRate: 0.1, tInitial: 100, kDecay: 2, cycleLimit: 2, cycleDecay: 0.1 }), golden.k2, roundOff);
  });

  it('matches timm with shrinking cycles (cycleMul 0.5), and gives lrMin where timm raises', () => {
    const lr = timmCosine({ initialLearningRate: 0.1, tInitial: 100, lrMin: 1e-3, cycleMul: 0.5, cycleLimit: 10 });
    expectTable(lr, golden.mulHalf, roundOff);
    for (const t of [200, 300, 1e12]) expect(lr(t)).toBe(1e-3);
  });

  it('matches timm with cycleMul 10, and starts the new cycle at the exact boundary 111 where timm is one cycle short', () => {
    const lr = timmCosine({ initialLearningRate: 0.1, tInitial: 1, lrMin: 1e-3, cycleMul: 10, cycleLimit: 5 });
    expectTable(lr, golden.mul10, roundOff);
    expect(lr(111)).toBe(0.1);
  });

  it('computes the cycle in closed form at step 1e12 with a huge cycleLimit', () => {
    const lr = timmCosine({ initialLearningRate: 1, tInitial: 1000, cycleMul: 2, cycleLimit: 1_000_000, cycleDecay: 0.9 });
    // 1e12 lies in cycle i = 29: starts 1000·(2²⁹ − 1) = 536 870 911 000, lasts 1000·2²⁹ = 536 870 912 000.
    const i = 29;
    const start = 1000 * (2 ** i - 1);
    const fraction = (1e12 - start) / (1000 * 2 ** i);
    expectClose(lr(1e12), 0.5 * 0.9 ** i * (1 + Math.cos(Math.PI * fraction)), { relative: 1e-9, absolute: 1e-18 });
  });

  it('decays monotonically inside each cycle', () => {
    const lr = timmCosine({ initialLearningRate: 1, tInitial: 50, lrMin: 0.01, cycleMul: 1.5, cycleLimit: 4, kDecay: 1.5 });
    expectNonIncreasing(lr, grid(0, 49.5, 0.5));
    expectNonIncreasing(lr, grid(50, 124.5, 0.5));
  });

  it('property: finite, non-negative, deterministic, equal to timm away from floating-point cycle boundaries', () => {
    const options = fc.record({
      base: fc.double({ min: 0, max: 1, noNaN: true }),
      tInitial: fc.integer({ min: 1, max: 1000 }),
      lrMin: fc.double({ min: 0, max: 0.1, noNaN: true }),
      cycleMul: fc.oneof(fc.constant(1), fc.constantFrom(0.5, 1.5, 2, 3), fc.double({ min: 0.2, max: 4, noNaN: true })),
      cycleDecay: fc.double({ min: 0, max: 1.5, noNaN: true }),
      cycleLimit: fc.integer({ min: 1, max: 20 }),
      warmupT: fc.integer({ min: 0, max: 100 }),
      warmupLrInit: fc.double({ min: 0, max: 0.1, noNaN: true }),
      warmupPrefix: fc.boolean(),
      kDecay: fc.double({ min: 0.1, max: 4, noNaN: true }),
    });
    const step = fc.oneof(fc.double({ min: 0, max: 20_000, noNaN: true }), fc.double({ min: 0, max: 1e12, noNaN: true }));
    fc.assert(
      fc.property(options, step, (o, t) => {
        const { base, ...options } = o;
        const lr = timmCosine({ ...options, initialLearningRate: base });
        const value = lr(t);
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(lr(t)).toBe(value);
        const upper = Math.max(o.base, o.lrMin, o.warmupLrInit, o.base * Math.max(1, o.cycleDecay) ** o.cycleLimit);
        expect(value).toBeLessThanOrEqual(upper * (1 + 1e-12));
        // timm itself fails (log of a negative) once shrinking cycles have all ended; it also may put
        // a step within rounding of a boundary into the neighbouring cycle. Compare elsewhere.
        const local = o.warmupPrefix && t >= o.warmupT ? t - o.warmupT : t;
        const x = 1 - (local / o.tInitial) * (1 - o.cycleMul);
        if (t >= o.warmupT && !(x > 0)) return;
        const reference = timmGetLr({ ...timmDefaults, ...o }, t);
        if (Math.abs(value - reference) > 1e-9 * upper + 1e-15) {
          const i = o.cycleMul === 1 ? local / o.tInitial : Math.log(x) / Math.log(o.cycleMul);
          expect(Math.abs(i - Math.round(i))).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });
});
