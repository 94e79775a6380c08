import { describe, expect, it } from 'vitest';
import { linearCosineDecay } from '@anneal/core';
import { expectMatches, expectNonIncreasing, grid, tensorflowTolerance } from '../support.js';

// Reference: TF tensorflow/python/keras/optimizer_v2/learning_rate_schedule.py, LinearCosineDecay.__call__
// (tf.compat.v1.train.linear_cosine_decay):
//   step = min(step, decay_steps)
//   linear_decayed = (decay_steps - step) / decay_steps
//   fraction = 2.0 * num_periods * (step / decay_steps)
//   cosine_decayed = 0.5 * (1.0 + cos(pi * fraction))
//   return initial * ((alpha + linear_decayed) * cosine_decayed + beta)
function reference(initial: number, decaySteps: number, numPeriods: number, alpha: number, beta: number) {
  return (step: number): number => {
    const t = Math.min(step, decaySteps);
    const linearDecayed = (decaySteps - t) / decaySteps;
    const fraction = 2 * numPeriods * (t / decaySteps);
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * fraction));
    return initial * ((alpha + linearDecayed) * cosineDecayed + beta);
  };
}

const steps = [0, 0.5, 1, 125, 250, 333.3, 500, 750, 999, 999.5, 1000, 1000.5, 5000, 1e9];

describe('linearCosineDecay', () => {
  it('uses TensorFlow defaults numPeriods 0.5, alpha 0, beta 0.001', () => {
    const lr = linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 });
    expectMatches(lr, reference(0.1, 1000, 0.5, 0, 0.001), steps, tensorflowTolerance(0.1));
    expect(lr(0)).toBeCloseTo(0.1 * 1.001, 16); // beta is added on top of 1
    expect(lr(500)).toBeCloseTo(0.0251, 16); // 0.1 · (0.5 · 0.5 + 0.001)
    expect(lr(1000)).toBeCloseTo(0.0001, 16); // 0.1 · beta
    expect(lr(1e9)).toBeCloseTo(0.0001, 16);
  });

  it.each([
    [0.5, 0, 0.001],
    [2, 0.1, 0],
    [3.25, 0.5, 0.01],
    [0, 0, 0.001],
  ])('matches the reference with numPeriods %d, alpha %d, beta %d at 0, whole periods, fractions and 1e9', (numPeriods, alpha, beta) => {
    const lr = linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, numPeriods, alpha, beta });
    expectMatches(lr, reference(0.1, 1000, numPeriods, alpha, beta), steps, tensorflowTolerance(0.1));
  });

  it('dips to initialLearningRate · beta at every whole period of the cosine when alpha is 0', () => {
    const lr = linearCosineDecay({ initialLearningRate: 1, decaySteps: 1000, numPeriods: 2, beta: 0.01 });
    expect(lr(250)).toBeCloseTo(0.01, 15); // half a cosine period: cosine = 0
    expect(lr(750)).toBeCloseTo(0.01, 15);
    expect(lr(500)).toBeCloseTo(0.5 + 0.01, 15); // a whole period: cosine = 1, linear = 0.5
  });

  it('never increases with numPeriods <= 0.5 (both factors decrease)', () => {
    for (const numPeriods of [0, 0.25, 0.5]) {
      const lr = linearCosineDecay({ initialLearningRate: 1, decaySteps: 100, numPeriods, alpha: 0.2 });
      expectNonIncreasing(lr, [...grid(0, 150, 0.25), 1e9]);
    }
  });
});
