import { describe, expect, it } from 'vitest';
import { cyclicLR, linearLR, multiStepLR, oneCycleLR } from '@anneal/core';
import { expectRejected } from '../support.js';

// Survivors of `pnpm mutate schedules:torch` (docs/benchmarks.md). Reference: PyTorch
// torch/optim/lr_scheduler.py (MultiStepLR, LinearLR, OneCycleLR, CyclicLR) as the
// other torch tests here; where torch overflows, the bound issue 9 documents instead.

describe('torch schedules: edges', () => {
  it('MultiStepLR from a rate of 0 stays 0 past milestones whose gamma power overflows (torch: lr · γ per milestone, 0 · 1e200 = 0)', () => {
    const lr = multiStepLR({ initialLearningRate: 0, milestones: [1, 2, 3], gamma: 1e200 });
    expect([0, 1, 3, 1e6].map(lr)).toEqual([0, 0, 0, 0]);
  });

  it('MultiStepLR saturates at Number.MAX_VALUE where γ^k overflows (torch: inf; issue 9 bounds growth)', () => {
    const lr = multiStepLR({ initialLearningRate: 1e-3, milestones: [1, 2, 3], gamma: 1e200 });
    expect(lr(1)).toBe(1e-3 * 1e200);
    expect(lr(2)).toBe(Number.MAX_VALUE);
    expect(lr(3)).toBe(Number.MAX_VALUE);
  });

  it('MultiStepLR names the milestone an unsorted one must not be below', () => {
    const error = expectRejected(() => multiStepLR({ initialLearningRate: 0.1, milestones: [2, 7, 5] }), 'milestones[2]');
    expect(error.message).toMatch(/before it \(7\)/);
  });

  it('LinearLR holds initialLearningRate · endFactor from totalIters on, up to Number.MAX_VALUE (torch: the factor stops at end_factor)', () => {
    const lr = linearLR({ initialLearningRate: 4, startFactor: 0.5, endFactor: 1, totalIters: 1 });
    expect(lr(1)).toBe(4);
    expect(lr(Number.MAX_VALUE)).toBe(4);
  });

  it('OneCycleLR refuses a start or final rate that overflows, and only those', () => {
    // maxLr / divFactor = 1e310: the start rate overflows (the final one, / 1e4, would not).
    expectRejected(() => oneCycleLR({ maxLr: 1e300, totalSteps: 100, divFactor: 1e-10 }), 'divFactor');
    // maxLr / 1 / 1e-10 = 1e310: the final rate overflows, the start rate is maxLr.
    expectRejected(() => oneCycleLR({ maxLr: 1e300, totalSteps: 100, divFactor: 1, finalDivFactor: 1e-10 }), 'divFactor');
    // 1e300 / 1e10 and 1e290 / 1: both finite, accepted (maxLr · divFactor would overflow).
    const lr = oneCycleLR({ maxLr: 1e300, totalSteps: 100, divFactor: 1e10, finalDivFactor: 1 });
    expect(lr(0)).toBe(1e290);
  });

  it('CyclicLR is exactly maxLr at the top of the cycle, fractional step sizes included (Smith 2017: the triangle peaks at max_lr)', () => {
    // At r = stepSizeUp the rising side gives up / up = 1 exactly; the falling side's
    // (up + down − up) / down is 0.9999999999999998 for 0.3 and 0.6, an ulp-sized dent in the peak.
    const lr = cyclicLR({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 0.3, stepSizeDown: 0.6 });
    expect(lr(0.3)).toBe(0.01);
    expect(cyclicLR({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 3, stepSizeDown: 6 })(3)).toBe(0.01);
  });

  it('CyclicLR refuses a cycle whose length stepSizeUp + stepSizeDown overflows (stepSizeDown defaults to stepSizeUp)', () => {
    expectRejected(() => cyclicLR({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 1e308 }), 'stepSizeUp');
    expectRejected(() => cyclicLR({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 1e308, stepSizeDown: 1e308 }), 'stepSizeUp');
  });
});
