import { describe, expect, it } from 'vitest';
import {
  cosineDecayRestarts,
  exponentialDecay,
  inverseTimeDecay,
  linearCosineDecay,
  naturalExpDecay,
  noisyLinearCosineDecay,
} from '@anneal/core';
import { expectRejected } from '../support.js';

// Survivors of `pnpm mutate schedules:tensorflow` (docs/benchmarks.md). Reference: the
// formulas of keras/src/optimizers/schedules/learning_rate_schedule.py, as the other tests
// here; where float64 would give NaN (0 · inf, 1^inf), the value of the formula itself,
// which issue 9 asks every schedule to keep. Schedules are built inside each test so that
// `pnpm mutate` sees mutants of their build.

describe('tensorflow schedules: edges', () => {
  it('ExponentialDecay from 0 stays 0 where decayRate^p overflows (0 · 2^2000 = 0)', () => {
    const lr = exponentialDecay({ initialLearningRate: 0, decaySteps: 1, decayRate: 2 });
    expect([0, 10, 2000, 1e300].map(lr)).toEqual([0, 0, 0, 0]);
  });

  it('ExponentialDecay with decayRate 1 keeps the rate where t / decaySteps overflows (1^p = 1)', () => {
    const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1e-300, decayRate: 1 });
    expect([0, 1, 1e300].map(lr)).toEqual([0.1, 0.1, 0.1]);
  });

  it('InverseTimeDecay and NaturalExpDecay with decayRate 0 keep the rate where t / decaySteps overflows', () => {
    // initial / (1 + 0 · p) and initial · exp(−0 · p): the initial rate for every p.
    const inverse = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1e-300, decayRate: 0 });
    const natural = naturalExpDecay({ initialLearningRate: 0.1, decaySteps: 1e-300, decayRate: 0 });
    expect([inverse(1e300), natural(1e300)]).toEqual([0.1, 0.1]);
    // With staircase p = floor(t / decaySteps) itself overflows to Infinity, and −0 · Infinity is NaN.
    const stairs = { initialLearningRate: 0.1, decaySteps: 1e-300, decayRate: 0, staircase: true };
    expect([inverseTimeDecay(stairs)(1e300), naturalExpDecay(stairs)(1e300)]).toEqual([0.1, 0.1]);
  });

  it('CosineDecayRestarts from 0 with a growing mMul stays 0 where mMul^k overflows', () => {
    const lr = cosineDecayRestarts({ initialLearningRate: 0, firstDecaySteps: 1, tMul: 1, mMul: 2 });
    expect([0, 0.5, 2000.5].map(lr)).toEqual([0, 0, 0]);
  });

  it('CosineDecayRestarts with mMul 1 is Keras’s float64 expression to the bit: exactly initialLearningRate at each restart', () => {
    // Keras CosineDecayRestarts.__call__ with m_mul 1 and t_mul 1 (first 8: the fractions are exact):
    // cosine_decayed = 0.5 · m_mul^i · (1 + cos(π·f)); initial · ((1 − alpha) · cosine_decayed + alpha).
    // With m_mul^i = 1 only the halving is reassociated, which is exact, so no rounding may differ.
    const keras = (initial: number, alpha: number, f: number) => initial * ((1 - alpha) * (0.5 * 1 * (1 + Math.cos(Math.PI * f))) + alpha);
    for (const [initial, alpha] of [[0.1, 0.2], [0.3, 0.1], [0.1, 0.3], [0.3, 0.3]] as const) {
      const lr = cosineDecayRestarts({ initialLearningRate: initial, firstDecaySteps: 8, tMul: 1, mMul: 1, alpha });
      for (const restart of [0, 8, 16, 800]) {
        expect(lr(restart)).toBe(initial); // keras(initial, alpha, 0) = initial · ((1 − α) + α) = initial
        for (const k of [1, 2, 3, 4, 6]) expect(lr(restart + k)).toBe(keras(initial, alpha, k / 8));
      }
    }
  });

  it('LinearCosineDecay refuses a peak rate initial · (1 + alpha + beta) that overflows, each term counted', () => {
    // Keras: decayed = (alpha + linear) · cosine + beta, largest at linear = cosine = 1.
    expectRejected(() => linearCosineDecay({ initialLearningRate: 1e308, decaySteps: 10, alpha: 1 }), 'initialLearningRate');
    expectRejected(() => linearCosineDecay({ initialLearningRate: 1e308, decaySteps: 10, beta: 1 }), 'initialLearningRate');
    // Accepted with the default beta 0.001: 1e308 · (1 + 0.001) is finite.
    expect(linearCosineDecay({ initialLearningRate: 1e308, decaySteps: 10 })(0)).toBe(1e308 * 1.001);
  });

  it('NoisyLinearCosineDecay counts the noise bound 9·√initialVariance in that peak', () => {
    // 9·√(1/81) = 1: the peak is 1e308 · 2.
    expectRejected(() => noisyLinearCosineDecay({ initialLearningRate: 1e308, decaySteps: 10, initialVariance: 1 / 81 }), 'initialLearningRate');
  });
});
