import { describe, expect, it } from 'vitest';
import { cosineWithMinLr, cosineWithWarmup, polynomialWithWarmup, warmupStableDecay } from '@anneal/core';
import { expectRejected, expectTable, roundOff } from '../support.js';

// Survivors of `pnpm mutate schedules:transformers` (docs/benchmarks.md). Reference:
// huggingface/transformers src/transformers/optimization.py (commit 005edacb6b5d); the tables
// were printed by mutation-edges.py beside this file, which runs HF's lr_lambda functions
// (copied verbatim) times the optimizer lr, as LambdaLR does. Where HF has no value (an angle
// that overflows: Python's math.cos raises), the bound issue 9 documents instead.

describe('Hugging Face schedules: edges', () => {
  it('polynomialWithWarmup with power 0 holds the peak through numTrainingSteps itself (HF: 0 ** 0 = 1), lrEnd only after it', () => {
    const lr = polynomialWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 10, numTrainingSteps: 20, lrEnd: 1e-7, power: 0 });
    // get_polynomial_decay_schedule_with_warmup(lr=1e-3, 10, 20, lr_end=1e-7, power=0.0)
    expectTable(lr, [[10, 0.001], [15, 0.001], [19, 0.001], [20, 0.001], [21, 1e-07], [1000, 1e-07]], roundOff);
  });

  it('warmupStableDecay with numDecaySteps 0 drops to lr · minLrRatio right at the end of the stable phase', () => {
    const lr = warmupStableDecay({ initialLearningRate: 1e-3, numWarmupSteps: 10, numStableSteps: 20, numDecaySteps: 0, minLrRatio: 0.1 });
    // get_wsd_schedule(lr=1e-3, num_warmup_steps=10, num_decay_steps=0, num_stable_steps=20, min_lr_ratio=0.1)
    expectTable(lr, [[0, 0.0001], [5, 0.00055], [9, 0.00091], [10, 0.001], [29, 0.001], [30, 0.0001], [31, 0.0001], [1000, 0.0001]], roundOff);
  });

  it('warmupStableDecay accepts numTrainingSteps = numWarmupSteps + numDecaySteps (no stable phase), as HF does', () => {
    const lr = warmupStableDecay({
      initialLearningRate: 1e-3,
      numWarmupSteps: 10,
      numDecaySteps: 20,
      numTrainingSteps: 30,
      decayType: 'linear',
      minLrRatio: 0.1,
    });
    // get_wsd_schedule(lr=1e-3, num_warmup_steps=10, num_decay_steps=20, num_training_steps=30, decay_type="linear", min_lr_ratio=0.1)
    expectTable(
      lr,
      [[0, 0.0001], [9, 0.00091], [10, 0.001], [11, 0.000955], [20, 0.00055], [29, 0.00014500000000000006], [30, 0.0001], [1000, 0.0001]],
      roundOff,
    );
  });

  it('warmupStableDecay names the sum numWarmupSteps + numDecaySteps that numTrainingSteps falls short of', () => {
    const error = expectRejected(
      () => warmupStableDecay({ initialLearningRate: 1e-3, numWarmupSteps: 10, numDecaySteps: 20, numTrainingSteps: 29 }),
      'numTrainingSteps',
    );
    expect(error.message).toContain('(30)');
  });

  it('refuses a numCycles whose angular rate 2π · numCycles overflows, and only those', () => {
    const hf = { initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 100 };
    // π · 5e307 = 1.57e308 is finite, 2π · 5e307 is not.
    expectRejected(() => cosineWithWarmup({ ...hf, numCycles: 5e307 }), 'numCycles');
    expectRejected(() => cosineWithMinLr({ ...hf, minLrRate: 0.1, numCycles: 5e307 }), 'numCycles');
    // 2π · 2.8e307 = 1.76e308 is finite: accepted, and the wave is at its peak at step 0.
    expect(cosineWithWarmup({ ...hf, numCycles: 2.8e307 })(0)).toBe(1e-3);
  });

  it('cosineWithWarmup stays finite and in [0, lr] at steps where the angle 2π · numCycles · progress would overflow', () => {
    // HF computes math.cos(math.pi * num_cycles * 2.0 * progress), which raises for an infinite angle;
    // issue 9 asks for a finite rate at every finite step, so the progress saturates below the overflow.
    for (const numCycles of [0.5, 1.5]) {
      const lr = cosineWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 0, numTrainingSteps: 1, numCycles });
      for (const step of [1e307, Number.MAX_VALUE]) {
        const value = lr(step);
        expect(Number.isFinite(value), `numCycles ${numCycles}, step ${step}: ${value}`).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1e-3);
      }
    }
  });
});
