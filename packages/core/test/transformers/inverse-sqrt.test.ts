import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverseSqrt } from '@anneal/core';
import { expectClose, expectNonDecreasing, expectNonIncreasing, expectTable, grid, roundOff } from '../support.js';

// Reference: huggingface/transformers src/transformers/optimization.py (commit 005edacb6b5d),
// _get_inverse_sqrt_schedule_lr_lambda, and get_inverse_sqrt_schedule's
// `timescale = num_warmup_steps or 10_000`; LambdaLR multiplies by the optimizer lr.
const hfInverseSqrt = (t: number, w: number, timescale: number) => {
  if (t < w) return t / Math.max(1, w);
  const shift = timescale - w;
  return 1 / Math.sqrt((t + shift) / timescale);
};

// Produced by running that lambda (copied verbatim) in Python, times the lr 1e-3.
const golden = {
  w100: [
    [0, 0.0], [50, 0.0005], [99, 0.00099], [100, 0.001], [101, 0.0009950371902099893], [400, 0.0005],
    [10000, 0.0001], [1e6, 1e-5], [1e12, 1e-8],
  ],
  w0_defaultTimescale: [[0, 0.001], [10000, 0.0007071067811865475], [30000, 0.0005]],
  w100_timescale1000: [[0, 0.0], [100, 0.001], [1100, 0.0007071067811865475], [3100, 0.0005]],
} satisfies Record<string, [number, number][]>;

describe('inverseSqrt (get_inverse_sqrt_schedule)', () => {
  it('matches Hugging Face with the default timescale = numWarmupSteps, up to step 1e12', () => {
    expectTable(inverseSqrt({ initialLearningRate: 1e-3, numWarmupSteps: 100 }), golden.w100, roundOff);
  });

  it('defaults the timescale to 10 000 when there is no warmup, as HF does', () => {
    expectTable(inverseSqrt({ initialLearningRate: 1e-3, numWarmupSteps: 0 }), golden.w0_defaultTimescale, roundOff);
  });

  it('matches Hugging Face with an explicit timescale', () => {
    expectTable(inverseSqrt({ initialLearningRate: 1e-3, numWarmupSteps: 100, timescale: 1000 }), golden.w100_timescale1000, roundOff);
  });

  it('peaks at the end of warmup and decreases monotonically after it', () => {
    const lr = inverseSqrt({ initialLearningRate: 1, numWarmupSteps: 40 });
    expectNonDecreasing(lr, grid(0, 40, 0.25));
    expect(lr(40)).toBe(1);
    expectNonIncreasing(lr, grid(40, 5000, 0.5));
  });

  it('property: finite, in [0, lr], deterministic, equal to the HF formula at any step', () => {
    const options = fc.record({
      w: fc.integer({ min: 0, max: 5000 }),
      timescale: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
      lr0: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const step = fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1e12, noNaN: true }));
    fc.assert(
      fc.property(options, step, ({ w, timescale, lr0 }, t) => {
        const lr = inverseSqrt({ initialLearningRate: lr0, numWarmupSteps: w, timescale });
        const value = lr(t);
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(lr(t)).toBe(value);
        // Past W, t + τ − W >= τ, so the factor 1/√((t + τ − W)/τ) is at most 1.
        expect(value).toBeLessThanOrEqual(lr0);
        expectClose(value, lr0 * hfInverseSqrt(t, w, timescale ?? (w || 10_000)), roundOff);
      }),
    );
  });
});
