import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warmupStableDecay, wsdShapes } from '@anneal/core';
import { expectClose, expectNonDecreasing, expectNonIncreasing, expectTable, grid, roundOff } from '../support.js';

type Shape = (typeof wsdShapes)[number];

// Reference: huggingface/transformers src/transformers/optimization.py (commit 005edacb6b5d),
// _get_wsd_scheduler_lambda, written out line for line; LambdaLR multiplies by the optimizer lr.
function hfWsd(t: number, w: number, s: number, d: number, warmupType: Shape, decayType: Shape, r: number, c: number) {
  if (t < w) {
    const progress = t / Math.max(1, w);
    const factor =
      warmupType === 'linear'
        ? progress
        : warmupType === 'cosine'
          ? 0.5 * (1 - Math.cos(Math.PI * progress))
          : 1 - Math.sqrt(1 - progress);
    return Math.max(0, factor * (1 - r) + r);
  }
  if (t < w + s) return 1;
  if (t < w + s + d) {
    const progress = (t - w - s) / Math.max(1, d);
    const factor =
      decayType === 'linear'
        ? 1 - progress
        : decayType === 'cosine'
          ? 0.5 * (1 + Math.cos(Math.PI * c * 2 * progress))
          : 1 - Math.sqrt(progress);
    return Math.max(0, factor * (1 - r) + r);
  }
  return r;
}

// Produced by running _get_wsd_scheduler_lambda (copied verbatim) in Python with W 100, S 800,
// D 100, min_lr_ratio 0.1, num_cycles 0.5, times the lr 1e-3. Warmup values depend on the warmup
// type only, decay values on the decay type only, so the nine combinations share two tables.
const steps = [0, 25, 50, 99, 100, 500, 899, 900, 925, 950, 999, 1000, 1e6, 1e12];
const warmupValues: Record<Shape, number[]> = {
  linear: [0.0001, 0.00032500000000000004, 0.00055, 0.000991],
  cosine: [0.0001, 0.0002318019484660536, 0.0005499999999999999, 0.0009997779521645793],
  '1-sqrt': [0.0001, 0.00022057713659400527, 0.00036360389693210714, 0.0009099999999999999],
};
const stableValues = [0.001, 0.001, 0.001, 0.001];
const decayValues: Record<Shape, number[]> = {
  linear: [0.0007750000000000001, 0.00055, 0.00010900000000000002, 0.0001, 0.0001, 0.0001],
  cosine: [0.0008681980515339464, 0.00055, 0.00010022204783542078, 0.0001, 0.0001, 0.0001],
  '1-sqrt': [0.00055, 0.00036360389693210714, 0.00010451130660404204, 0.0001, 0.0001, 0.0001],
};
// Same source, W 0, S 0, D 100, decay cosine with num_cycles 1, ratio 0, lr 2e-3.
const fullCosineCycle = [[0, 0.002], [25, 0.001], [50, 0.0], [75, 0.0009999999999999998], [99, 0.0019980267284282717], [100, 0.0]] satisfies [number, number][];

describe('warmupStableDecay (get_wsd_schedule)', () => {
  for (const warmupType of wsdShapes) {
    for (const decayType of wsdShapes) {
      it(`matches Hugging Face with warmupType ${warmupType} and decayType ${decayType}, every phase boundary and far past the end`, () => {
        const lr = warmupStableDecay({
          initialLearningRate: 1e-3,
          numWarmupSteps: 100,
          numStableSteps: 800,
          numDecaySteps: 100,
          warmupType,
          decayType,
          minLrRatio: 0.1,
        });
        const expected = [...warmupValues[warmupType], ...stableValues, ...decayValues[decayType]];
        expectTable(lr, steps.map((t, i) => [t, expected[i] as number] as const), roundOff);
      });
    }
  }

  it('matches Hugging Face for a whole cosine cycle (numCycles 1) with no warmup or stable phase', () => {
    const lr = warmupStableDecay({
      initialLearningRate: 2e-3,
      numWarmupSteps: 0,
      numStableSteps: 0,
      numDecaySteps: 100,
      numCycles: 1,
    });
    expectTable(lr, fullCosineCycle, roundOff);
  });

  it('derives the stable phase from numTrainingSteps as HF does: S = T − W − D', () => {
    const given = { initialLearningRate: 1e-3, numWarmupSteps: 100, numDecaySteps: 100, decayType: 'linear' } as const;
    const fromStable = warmupStableDecay({ ...given, numStableSteps: 800 });
    const fromTraining = warmupStableDecay({ ...given, numTrainingSteps: 1000 });
    for (const t of [0, 50, 100, 899, 900, 950, 1000, 5000]) expect(fromTraining(t)).toBe(fromStable(t));
  });

  it('rises through warmup, holds, then falls monotonically to lr·minLrRatio for every decay type', () => {
    for (const decayType of wsdShapes) {
      const lr = warmupStableDecay({
        initialLearningRate: 1,
        numWarmupSteps: 30,
        numStableSteps: 70,
        numDecaySteps: 100,
        decayType,
        minLrRatio: 0.25,
      });
      expectNonDecreasing(lr, grid(0, 100, 0.5));
      expectNonIncreasing(lr, grid(100, 400, 0.5));
      expect(lr(200)).toBe(0.25);
    }
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    const options = fc.record({
      w: fc.integer({ min: 0, max: 1000 }),
      s: fc.integer({ min: 0, max: 10_000 }),
      d: fc.integer({ min: 0, max: 5000 }),
      warmupType: fc.constantFrom(...wsdShapes),
      decayType: fc.constantFrom(...wsdShapes),
      r: fc.double({ min: 0, max: 1, noNaN: true }),
      c: fc.double({ min: 0.01, max: 3, noNaN: true }),
      lr0: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const step = fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.double({ min: 0, max: 20_000, noNaN: true }), fc.double({ min: 0, max: 1e12, noNaN: true }));
    fc.assert(
      fc.property(options, step, ({ w, s, d, warmupType, decayType, r, c, lr0 }, t) => {
        const lr = warmupStableDecay({
          initialLearningRate: lr0,
          numWarmupSteps: w,
          numStableSteps: s,
          numDecaySteps: d,
          warmupType,
          decayType,
          minLrRatio: r,
          numCycles: c,
        });
        const value = lr(t);
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(lr0);
        expect(lr(t)).toBe(value);
        expectClose(value, lr0 * hfWsd(t, w, s, d, warmupType, decayType, r, c), { relative: 1e-12, absolute: 1e-15 * lr0 });
      }),
    );
  });
});
