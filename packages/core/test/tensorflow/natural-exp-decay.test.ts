import { describe, expect, it } from 'vitest';
import { naturalExpDecay } from '@anneal/core';
import { expectMatches, expectNonIncreasing, grid, tensorflowTolerance } from '../support.js';

// Reference: TF tensorflow/python/keras/optimizer_v2/legacy_learning_rate_decay.py, natural_exp_decay:
//   natural_exp_rate = exp(-decay_rate); ExponentialDecay(learning_rate, decay_steps, natural_exp_rate, staircase)
// and ExponentialDecay.__call__ (learning_rate_schedule.py):
//   p = step / decay_steps; if staircase: p = floor(p); return initial * natural_exp_rate ** p
function reference(initial: number, decaySteps: number, decayRate: number, staircase: boolean) {
  const base = Math.exp(-decayRate);
  return (step: number): number => {
    let p = step / decaySteps;
    if (staircase) p = Math.floor(p);
    return initial * Math.pow(base, p);
  };
}

const steps = [0, 0.5, 1, 4.999, 5, 5.5, 10, 25, 99.75, 1000, 1e9];

describe('naturalExpDecay', () => {
  it.each([false, true])('matches the reference with staircase %s at 0, boundaries, multiples, fractions and 1e9', (staircase) => {
    const lr = naturalExpDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5, staircase });
    expectMatches(lr, reference(0.1, 5, 0.5, staircase), steps, tensorflowTolerance(0.1));
  });

  it('gives lr0 · e^(−k·t/T) by hand: 0.1 · e^−1 at step 10 with T = 5, k = 0.5', () => {
    const lr = naturalExpDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5 });
    expect(lr(10)).toBeCloseTo(0.1 / Math.E, 15);
    expect(lr(1e9)).toBe(0); // e^−1e8 underflows, as it does in TensorFlow's float64
  });

  it('with staircase, is flat inside a period and drops exactly at the multiple', () => {
    const lr = naturalExpDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 1, staircase: true });
    expect(lr(9.999)).toBe(1);
    expect(lr(10)).toBeCloseTo(Math.exp(-1), 15);
    expect(lr(19.999)).toBe(lr(10));
  });

  it('never increases', () => {
    for (const staircase of [false, true]) {
      expectNonIncreasing(naturalExpDecay({ initialLearningRate: 1, decaySteps: 7, decayRate: 0.3, staircase }), grid(0, 100, 0.25));
    }
  });
});
