import { describe, expect, it } from 'vitest';
import { polynomialDecay } from '@anneal/core';
import { expectMatches, expectNonIncreasing, grid, tensorflowTolerance } from '../support.js';

// Reference: TF tensorflow/python/keras/optimizer_v2/learning_rate_schedule.py, PolynomialDecay.__call__
// (same in Keras 3 keras/src/optimizers/schedules/learning_rate_schedule.py):
//   if cycle: multiplier = 1 if step == 0 else ceil(step / decay_steps); decay_steps *= multiplier
//   else:     step = min(step, decay_steps)
//   p = step / decay_steps
//   return (initial - end) * (1 - p) ** power + end
function reference(initial: number, decaySteps: number, end: number, power: number, cycle: boolean) {
  return (step: number): number => {
    let steps = decaySteps;
    let t = step;
    if (cycle) {
      const multiplier = t === 0 ? 1 : Math.ceil(t / decaySteps);
      steps = decaySteps * multiplier;
    } else {
      t = Math.min(t, decaySteps);
    }
    const p = t / steps;
    return (initial - end) * Math.pow(1 - p, power) + end;
  };
}

const steps = [0, 0.5, 1, 33.3, 99, 100, 100.5, 150, 199.999, 200, 200.25, 250, 300, 1000, 12345.6, 1e9];

describe('polynomialDecay', () => {
  it('uses TensorFlow defaults endLearningRate 0.0001, power 1, cycle false', () => {
    const lr = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 100 });
    expectMatches(lr, reference(0.1, 100, 0.0001, 1, false), steps, tensorflowTolerance(0.1));
    expect(lr(50)).toBeCloseTo(0.05005, 15); // (0.1 − 0.0001) · 0.5 + 0.0001
  });

  it.each([
    [1, false],
    [0.5, false],
    [2, false],
    [1, true],
    [0.5, true],
    [3, true],
  ])('matches the reference with power %d and cycle %s at 0, boundaries, multiples, fractions and 1e9', (power, cycle) => {
    const lr = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01, power, cycle });
    expectMatches(lr, reference(0.1, 100, 0.01, power, cycle), steps, tensorflowTolerance(0.1));
  });

  it('reproduces the Keras docstring example: 0.1 → 0.01 over 10000 steps with sqrt', () => {
    const lr = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10_000, endLearningRate: 0.01, power: 0.5 });
    expect(lr(2_500)).toBeCloseTo(0.09 * Math.sqrt(0.75) + 0.01, 14);
    expect(lr(10_000)).toBeCloseTo(0.01, 15);
    expect(lr(1e9)).toBeCloseTo(0.01, 15);
  });

  it('with cycle, holds the end rate at each multiple of decaySteps and jumps back up just after (ceil, multiplier 1 at step 0)', () => {
    const lr = polynomialDecay({ initialLearningRate: 1, decaySteps: 10, endLearningRate: 0, power: 1, cycle: true });
    expect(lr(0)).toBe(1);
    expect(lr(10)).toBe(0); // ceil(10/10) = 1: the end of the first period
    expect(lr(11)).toBeCloseTo(1 - 11 / 20, 15); // ceil(11/10) = 2: horizon 20
    expect(lr(20)).toBe(0);
    expect(lr(21)).toBeCloseTo(1 - 21 / 30, 15);
  });

  it('with cycle, stays finite where the rounded quotient lands a hair past the period (TF: NaN under a fractional power)', () => {
    // 1386.529701395794 / 4.899398238147682 rounds to 283, yet 283 · 4.899398238147682 < 1386.529701395794,
    // so 1 − p = −2.2e-16 in floating point; anneal treats it as the end of the period.
    const lr = polynomialDecay({ initialLearningRate: 1, decaySteps: 4.899398238147682, endLearningRate: 0.01, power: 0.5, cycle: true });
    expect(lr(1386.529701395794)).toBeCloseTo(0.01, 6);
    // A subnormal step whose quotient underflows to 0 still uses multiplier 1, as step 0 does.
    expect(lr(5e-324)).toBe(1);
  });

  it('never increases without cycle, and lies between end and initial rates', () => {
    const lr = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01, power: 2 });
    expectNonIncreasing(lr, [...grid(0, 120, 0.25), 1e9]);
    for (const t of grid(0, 120, 0.25)) {
      expect(lr(t)).toBeGreaterThanOrEqual(0.01 - 1e-17);
      expect(lr(t)).toBeLessThanOrEqual(0.1);
    }
  });

  it('rises when endLearningRate exceeds initialLearningRate, as in TensorFlow', () => {
    const lr = polynomialDecay({ initialLearningRate: 0, decaySteps: 10, endLearningRate: 1 });
    expectMatches(lr, reference(0, 10, 1, 1, false), [0, 2.5, 10, 100], tensorflowTolerance());
    expect(lr(2.5)).toBeCloseTo(0.25, 15);
  });
});
