import { describe, expect, it } from 'vitest';
import { inverseTimeDecay } from '@anneal/core';
import { expectMatches, expectNonIncreasing, grid, tensorflowTolerance } from '../support.js';

// Reference: TF tensorflow/python/keras/optimizer_v2/learning_rate_schedule.py, InverseTimeDecay.__call__
// (same in Keras 3 learning_rate_schedule.py):
//   p = step / decay_steps; if staircase: p = floor(p)
//   return initial / (1 + decay_rate * p)
function reference(initial: number, decaySteps: number, decayRate: number, staircase: boolean) {
  return (step: number): number => {
    let p = step / decaySteps;
    if (staircase) p = Math.floor(p);
    return initial / (1 + decayRate * p);
  };
}

const steps = [0, 0.25, 1, 9.5, 10, 10.5, 20, 30, 99.9, 1000, 1e9];

describe('inverseTimeDecay', () => {
  it.each([false, true])('matches the reference with staircase %s at 0, boundaries, multiples, fractions and 1e9', (staircase) => {
    const lr = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase });
    expectMatches(lr, reference(0.1, 10, 0.5, staircase), steps, tensorflowTolerance(0.1));
  });

  it('reproduces the Keras docstring example (1/t with rate 0.5): 0.1, 0.0667, 0.05 at steps 0, 1, 2', () => {
    const lr = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
    expect(lr(0)).toBe(0.1);
    expect(lr(1)).toBeCloseTo(0.1 / 1.5, 15);
    expect(lr(2)).toBeCloseTo(0.05, 15);
    expect(lr(1e9)).toBeCloseTo(0.1 / (1 + 5e8), 20);
  });

  it('with staircase, is flat inside a period and drops exactly at the multiple', () => {
    const lr = inverseTimeDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 1, staircase: true });
    expect(lr(9.999)).toBe(1);
    expect(lr(10)).toBe(0.5);
    expect(lr(20)).toBeCloseTo(1 / 3, 15);
  });

  it('never increases, and a decayRate of 0 keeps it constant', () => {
    for (const staircase of [false, true]) {
      expectNonIncreasing(inverseTimeDecay({ initialLearningRate: 1, decaySteps: 3, decayRate: 2, staircase }), grid(0, 50, 0.25));
    }
    expect(inverseTimeDecay({ initialLearningRate: 0.3, decaySteps: 3, decayRate: 0 })(1e9)).toBe(0.3);
  });
});
