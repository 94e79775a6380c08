import { describe, expect, it } from 'vitest';
import { exponentialDecay, fromConfig } from '@anneal/core';
import { expectClose, expectRejected } from '../support.js';

// Reference: TensorFlow learning_rate_decay.py / Keras ExponentialDecay:
//   decayed = initial_learning_rate * decay_rate ^ (step / decay_steps), p = floor(p) when staircase.
const reference = (lr0: number, rate: number, steps: number, staircase: boolean, t: number) =>
  lr0 * Math.pow(rate, staircase ? Math.floor(t / steps) : t / steps);

describe('exponentialDecay', () => {
  const cases = [0, 1, 99, 100, 101, 250, 1000, 1e6];
  it.each(cases)('matches the TensorFlow formula at step %d, continuous and staircase', (t) => {
    for (const staircase of [false, true]) {
      const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase });
      // Relative only: at 1e6 the reference is ~1e-178, which toBeCloseTo(_, 12) (|diff| < 5e-13) accepted for any tiny value.
      expectClose(lr(t), reference(0.1, 0.96, 100, staircase, t), { relative: 1e-9, absolute: 0 });
    }
  });

  it('holds the rate flat within a staircase period and drops exactly at the boundary', () => {
    const lr = exponentialDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect(lr(9.999)).toBe(1);
    expect(lr(10)).toBe(0.5);
  });

  it('rejects decaySteps 0 with INVALID_OPTIONS naming the field', () => {
    const error = expectRejected(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }), 'decaySteps');
    expect(error.message).toMatch(/decaySteps.*> 0.*got 0/);
  });

  it('builds the same schedule from its declarative form', () => {
    const config = { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96 } as const;
    expect(fromConfig(config)(250)).toBe(exponentialDecay(config)(250));
  });

});
