import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constant,
  constantWithWarmup,
  cosineWithHardRestarts,
  cosineWithMinLr,
  cosineWithWarmup,
  linearWithWarmup,
  polynomialWithWarmup,
} from '@anneal/core';
import { expectClose, expectNonDecreasing, expectNonIncreasing, expectTable, grid, roundOff } from '../support.js';

// Reference: huggingface/transformers src/transformers/optimization.py (commit 005edacb6b5d),
// the lr_lambda functions below, written out in TypeScript line for line. LambdaLR gives
// lr = optimizer lr · lambda(step).
const max = Math.max;
const hf = {
  constantWithWarmup: (t: number, w: number) => (t < w ? t / max(1, w) : 1),
  linear: (t: number, w: number, T: number) => (t < w ? t / max(1, w) : max(0, (T - t) / max(1, T - w))),
  cosine: (t: number, w: number, T: number, c: number) => {
    if (t < w) return t / max(1, w);
    const progress = (t - w) / max(1, T - w);
    return max(0, 0.5 * (1 + Math.cos(Math.PI * c * 2 * progress)));
  },
  cosineMinLr: (t: number, w: number, T: number, c: number, minLrRate: number) => {
    if (t < w) return t / max(1, w);
    const progress = (t - w) / max(1, T - w);
    const factor = 0.5 * (1 + Math.cos(Math.PI * c * 2 * progress));
    return max(0, factor * (1 - minLrRate) + minLrRate);
  },
  hardRestarts: (t: number, w: number, T: number, c: number) => {
    if (t < w) return t / max(1, w);
    const progress = (t - w) / max(1, T - w);
    if (progress >= 1) return 0;
    return max(0, 0.5 * (1 + Math.cos(Math.PI * ((c * progress) % 1))));
  },
  polynomial: (t: number, w: number, T: number, lrEnd: number, power: number, lrInit: number) => {
    if (t < w) return t / max(1, w);
    if (t > T) return lrEnd / lrInit;
    const pctRemaining = 1 - (t - w) / (T - w);
    return ((lrInit - lrEnd) * pctRemaining ** power + lrEnd) / lrInit;
  },
};

// Golden tables: produced by running the lambdas above in Python (copied verbatim from
// optimization.py at that commit) and multiplying by the optimizer lr, as LambdaLR does.
const golden = {
  constantWithWarmup_w100: [[0, 0.0], [1, 1e-5], [50, 0.0005], [99, 0.00099], [100, 0.001], [101, 0.001], [1000, 0.001], [1e6, 0.001], [1e12, 0.001]],
  constantWithWarmup_w0: [[0, 0.001], [5, 0.001]],
  linear_w100_t1100: [
    [0, 0.0], [1, 1e-5], [50, 0.0005], [99, 0.00099], [100, 0.001], [101, 0.000999], [600, 0.0005],
    [1099, 1e-6], [1100, 0.0], [1101, 0.0], [5000, 0.0], [1e6, 0.0], [1e12, 0.0],
  ],
  linear_w0_t10: [[0, 0.001], [5, 0.0005], [10, 0.0], [11, 0.0]],
  linear_w100_t100: [[99, 0.00099], [100, 0.0], [101, 0.0]],
  cosine_w100_t1100: [
    [0, 0.0], [50, 0.0001], [99, 0.00019800000000000002], [100, 0.0002], [350, 0.00017071067811865476],
    [600, 0.0001], [850, 2.9289321881345254e-5], [1099, 4.934798141786879e-10], [1100, 0.0],
    [1600, 9.999999999999998e-5], [2100, 0.0002], [1e6, 0.00019510565162951285], [1e12, 0.00019510564664961314],
  ],
  cosine_w0_t1000_c1_5: [
    [0, 0.0002], [250, 2.9289321881345254e-5], [333, 4.934798141786879e-10], [500, 9.999999999999998e-5],
    [667, 0.00019999950652018584], [1000, 0.0],
  ],
  minLr_w100_t1100_minLr1e_4: [
    [0, 0.0], [50, 0.0005], [100, 0.001], [600, 0.00055], [1099, 0.00010000222065916382], [1100, 0.0001],
    [2100, 0.001], [1e6, 0.0009779754323328076], [1e12, 0.0009779754099232593],
  ],
  minLr_w0_t1000_rate0_05: [[0, 0.001], [500, 0.0005250000000000001], [1000, 5e-5]],
  hard_w100_t1000_c3: [
    [0, 0.0], [50, 0.0005], [100, 0.001], [250, 0.0005], [399, 2.741531724392843e-8], [400, 0.001],
    [401, 0.000999972584682756], [699, 2.741531724392843e-8], [700, 0.001], [999, 2.741531724392843e-8],
    [1000, 0.0], [1e6, 0.0], [1e12, 0.0],
  ],
  hard_w0_t1000_c1: [[0, 0.001], [500, 0.0005], [999, 2.467399070893439e-9], [1000, 0.0]],
  poly_w100_t1100_end1e_5_p2: [
    [0, 0.0], [50, 0.0005], [100, 0.001], [350, 0.000566875], [600, 0.0002575], [1099, 1.0000990000000002e-5],
    [1100, 1e-5], [1101, 1e-5], [1e6, 1e-5], [1e12, 1e-5],
  ],
  poly_w0_t1000_defaults: [[0, 0.001], [500, 0.0005000499999999999], [1000, 1e-7], [1001, 1e-7]],
} satisfies Record<string, [number, number][]>;

/** Random HF-style options: W warmup steps, T >= W training steps, lr, step (integer or fractional). */
const warmupAndTraining = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 100_000 }))
  .map(([w, extra]) => ({ w, T: Math.max(1, w + extra) }));
const learningRate = fc.double({ min: 0, max: 1, noNaN: true });
const step = fc.oneof(
  fc.integer({ min: 0, max: 300_000 }),
  fc.double({ min: 0, max: 300_000, noNaN: true }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
);

function expectSane(value: number, again: number, upper: number): void {
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(upper);
  expect(again).toBe(value);
}

describe('constant', () => {
  it('returns initialLearningRate at step 0, at a fractional step and far past any end', () => {
    const lr = constant({ initialLearningRate: 3e-4 });
    for (const t of [0, 0.5, 1, 1e6, 1e12]) expect(lr(t)).toBe(3e-4);
  });
});

describe('constantWithWarmup (get_constant_schedule_with_warmup)', () => {
  it('matches the values Hugging Face computes, warmup of 100 and of 0', () => {
    expectTable(constantWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 100 }), golden.constantWithWarmup_w100, roundOff);
    expectTable(constantWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 0 }), golden.constantWithWarmup_w0, roundOff);
  });

  it('rises monotonically through warmup and stays flat after', () => {
    const lr = constantWithWarmup({ initialLearningRate: 1, numWarmupSteps: 64 });
    expectNonDecreasing(lr, grid(0, 200, 0.25));
    expect(lr(63.5)).toBeCloseTo(63.5 / 64, 15);
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), learningRate, step, (w, lr0, t) => {
        const lr = constantWithWarmup({ initialLearningRate: lr0, numWarmupSteps: w });
        expectSane(lr(t), lr(t), lr0);
        expectClose(lr(t), lr0 * hf.constantWithWarmup(t, w), roundOff);
      }),
    );
  });
});

describe('linearWithWarmup (get_linear_schedule_with_warmup)', () => {
  it('matches Hugging Face at step 0, end of warmup, mid-decay, end of training and far past it', () => {
    const lr = linearWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1100 });
    expectTable(lr, golden.linear_w100_t1100, roundOff);
  });

  it('matches Hugging Face with no warmup, and with warmup equal to training (max(1, 0) denominator)', () => {
    const noWarmup = linearWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 10 });
    expectTable(noWarmup, golden.linear_w0_t10, roundOff);
    const allWarmup = linearWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 100 });
    expectTable(allWarmup, golden.linear_w100_t100, roundOff);
  });

  it('rises through warmup, then never rises again', () => {
    const lr = linearWithWarmup({ initialLearningRate: 1, numWarmupSteps: 50, numTrainingSteps: 500 });
    expectNonDecreasing(lr, grid(0, 50, 0.5));
    expectNonIncreasing(lr, grid(50, 2000, 0.5));
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    fc.assert(
      fc.property(warmupAndTraining, learningRate, step, ({ w, T }, lr0, t) => {
        const lr = linearWithWarmup({ initialLearningRate: lr0, numWarmupSteps: w, numTrainingSteps: T });
        expectSane(lr(t), lr(t), lr0);
        expectClose(lr(t), lr0 * hf.linear(t, w, T), roundOff);
      }),
    );
  });
});

describe('cosineWithWarmup (get_cosine_schedule_with_warmup)', () => {
  it('matches Hugging Face from step 0 to far past the end, where HF lets the wave rise again', () => {
    const lr = cosineWithWarmup({ initialLearningRate: 2e-4, numWarmupSteps: 100, numTrainingSteps: 1100 });
    expectTable(lr, golden.cosine_w100_t1100, roundOff);
  });

  it('matches Hugging Face with 1.5 cycles and no warmup', () => {
    const lr = cosineWithWarmup({ initialLearningRate: 2e-4, numWarmupSteps: 0, numTrainingSteps: 1000, numCycles: 1.5 });
    expectTable(lr, golden.cosine_w0_t1000_c1_5, roundOff);
  });

  it('falls monotonically from the peak at the end of warmup to 0 at numTrainingSteps (numCycles 0.5)', () => {
    const lr = cosineWithWarmup({ initialLearningRate: 1, numWarmupSteps: 100, numTrainingSteps: 1100 });
    expect(lr(100)).toBe(1);
    expectNonDecreasing(lr, grid(0, 100, 0.5));
    expectNonIncreasing(lr, grid(100, 1100, 0.5));
    expect(lr(1100)).toBe(0);
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    const cycles = fc.double({ min: 0.01, max: 4, noNaN: true });
    fc.assert(
      fc.property(warmupAndTraining, learningRate, cycles, step, ({ w, T }, lr0, c, t) => {
        const lr = cosineWithWarmup({ initialLearningRate: lr0, numWarmupSteps: w, numTrainingSteps: T, numCycles: c });
        expectSane(lr(t), lr(t), lr0);
        expectClose(lr(t), lr0 * hf.cosine(t, w, T, c), { relative: 1e-12, absolute: 1e-15 * lr0 });
      }),
    );
  });
});

describe('cosineWithMinLr (get_cosine_with_min_lr_schedule_with_warmup)', () => {
  it('matches Hugging Face given minLr (turned into a ratio of the lr, as HF does)', () => {
    const lr = cosineWithMinLr({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1100, minLr: 1e-4 });
    expectTable(lr, golden.minLr_w100_t1100_minLr1e_4, roundOff);
  });

  it('matches Hugging Face given minLrRate', () => {
    const lr = cosineWithMinLr({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 1000, minLrRate: 0.05 });
    expectTable(lr, golden.minLr_w0_t1000_rate0_05, roundOff);
  });

  it('stays at or above the minimum from the end of warmup to the end of training', () => {
    const lr = cosineWithMinLr({ initialLearningRate: 1, numWarmupSteps: 10, numTrainingSteps: 500, minLrRate: 0.2 });
    const decay = grid(10, 500, 0.5);
    expectNonIncreasing(lr, decay);
    expect(Math.min(...decay.map((t) => lr(t)))).toBeCloseTo(0.2, 15);
  });

  it('gives 0 everywhere for a zero rate, where HF would divide minLr by 0', () => {
    const lr = cosineWithMinLr({ initialLearningRate: 0, numWarmupSteps: 10, numTrainingSteps: 100, minLr: 0 });
    for (const t of [0, 5, 10, 50, 100, 1e9]) expect(lr(t)).toBe(0);
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    const ratio = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(warmupAndTraining, learningRate, ratio, step, ({ w, T }, lr0, r, t) => {
        const lr = cosineWithMinLr({ initialLearningRate: lr0, numWarmupSteps: w, numTrainingSteps: T, minLrRate: r });
        expectSane(lr(t), lr(t), lr0);
        expectClose(lr(t), lr0 * hf.cosineMinLr(t, w, T, 0.5, r), { relative: 1e-12, absolute: 1e-15 * lr0 });
      }),
    );
  });
});

describe('cosineWithHardRestarts (get_cosine_with_hard_restarts_schedule_with_warmup)', () => {
  it('matches Hugging Face across three cycles, at each exact restart and past the end', () => {
    const lr = cosineWithHardRestarts({ initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000, numCycles: 3 });
    expectTable(lr, golden.hard_w100_t1000_c3, roundOff);
  });

  it('matches Hugging Face with the default single cycle', () => {
    const lr = cosineWithHardRestarts({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 1000 });
    expectTable(lr, golden.hard_w0_t1000_c1, roundOff);
  });

  it('restarts at the peak exactly at each cycle boundary and decays monotonically inside a cycle', () => {
    const lr = cosineWithHardRestarts({ initialLearningRate: 1, numWarmupSteps: 0, numTrainingSteps: 900, numCycles: 3 });
    expect(lr(300)).toBe(1);
    expect(lr(600)).toBe(1);
    expectNonIncreasing(lr, grid(300, 599.5, 0.5));
    expect(lr(900)).toBe(0);
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    const cycles = fc.integer({ min: 1, max: 10 });
    fc.assert(
      fc.property(warmupAndTraining, learningRate, cycles, step, ({ w, T }, lr0, c, t) => {
        const lr = cosineWithHardRestarts({ initialLearningRate: lr0, numWarmupSteps: w, numTrainingSteps: T, numCycles: c });
        expectSane(lr(t), lr(t), lr0);
        expectClose(lr(t), lr0 * hf.hardRestarts(t, w, T, c), { relative: 1e-12, absolute: 1e-15 * lr0 });
      }),
    );
  });
});

describe('polynomialWithWarmup (get_polynomial_decay_schedule_with_warmup)', () => {
  it('matches Hugging Face with power 2, at the end of training and past it', () => {
    const lr = polynomialWithWarmup({
      initialLearningRate: 1e-3,
      numWarmupSteps: 100,
      numTrainingSteps: 1100,
      lrEnd: 1e-5,
      power: 2,
    });
    expectTable(lr, golden.poly_w100_t1100_end1e_5_p2, roundOff);
  });

  it('matches Hugging Face with its defaults lrEnd 1e-7 and power 1', () => {
    const lr = polynomialWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 1000 });
    expectTable(lr, golden.poly_w0_t1000_defaults, roundOff);
  });

  it('decays monotonically from the peak to lrEnd', () => {
    const lr = polynomialWithWarmup({ initialLearningRate: 1, numWarmupSteps: 20, numTrainingSteps: 220, lrEnd: 0.01, power: 0.5 });
    expectNonIncreasing(lr, grid(20, 1000, 0.5));
    expect(lr(220)).toBeCloseTo(0.01, 15);
  });

  it('never rises above initialLearningRate where (lr - lrEnd) + lrEnd rounds up (found by fast-check seed 894904626)', () => {
    // Python: lr0 = 0.9999999999984831; e = lr0 * 0.025059244122534116; (lr0 - e) + e == 0.9999999999984832,
    // and HF's LambdaLR gives lr0 * (that / lr0) == 0.9999999999984833: two ulps above its own peak.
    const lr0 = 0.9999999999984831;
    const lr = polynomialWithWarmup({
      initialLearningRate: lr0,
      numWarmupSteps: 0,
      numTrainingSteps: 1,
      lrEnd: lr0 * 0.025059244122534116,
      power: 0,
    });
    expect(lr(0)).toBe(lr0);
    expect(lr(0.5)).toBe(lr0);
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    const options = fc.record({
      w: fc.integer({ min: 0, max: 2000 }),
      extra: fc.integer({ min: 1, max: 100_000 }),
      lr0: fc.double({ min: 1e-8, max: 1, noNaN: true }),
      endFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
      power: fc.double({ min: 0, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(options, step, ({ w, extra, lr0, endFraction, power }, t) => {
        const T = w + extra;
        const lrEnd = lr0 * endFraction;
        const lr = polynomialWithWarmup({ initialLearningRate: lr0, numWarmupSteps: w, numTrainingSteps: T, lrEnd, power });
        expectSane(lr(t), lr(t), lr0);
        expectClose(lr(t), lr0 * hf.polynomial(t, w, T, lrEnd, power, lr0), { relative: 1e-12, absolute: 1e-15 * lr0 });
      }),
    );
  });
});
