import { describe, expect, it } from 'vitest';
import {
  cosineDecay,
  cosineDecayRestarts,
  fromConfig,
  inverseTimeDecay,
  linearCosineDecay,
  naturalExpDecay,
  noisyLinearCosineDecay,
  piecewiseConstant,
  polynomialDecay,
} from '@anneal/core';
import { expectRejected } from '../support.js';

// One test per class of bad input: each asserts the error code, the field path and that the
// message names the field, the value and the rule.

describe('TensorFlow/Keras schedules refuse bad options', () => {
  it.each([
    ['polynomialDecay', () => polynomialDecay({ initialLearningRate: 0.1, decaySteps: 0 }), 'decaySteps'],
    ['naturalExpDecay', () => naturalExpDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }), 'decaySteps'],
    ['inverseTimeDecay', () => inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }), 'decaySteps'],
    ['cosineDecay', () => cosineDecay({ initialLearningRate: 0.1, decaySteps: 0 }), 'decaySteps'],
    ['cosineDecayRestarts', () => cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 0 }), 'firstDecaySteps'],
    ['linearCosineDecay', () => linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 0 }), 'decaySteps'],
    ['noisyLinearCosineDecay', () => noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: -5 }), 'decaySteps'],
  ])('%s: a decay horizon of 0 or less (TF would divide by zero) → INVALID_OPTIONS at %s', (_, build, path) => {
    const error = expectRejected(build, path);
    expect(error.message).toMatch(new RegExp(`${path}: must be > 0 \\(got -?\\d+\\)`));
  });

  it.each([
    ['initialLearningRate', () => cosineDecay({ initialLearningRate: -0.1, decaySteps: 10 })],
    ['endLearningRate', () => polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: -1e-4 })],
    ['decayRate', () => inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: -0.5 })],
    ['decayRate', () => naturalExpDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: -0.5 })],
    ['warmupTarget', () => cosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: -1, warmupSteps: 5 })],
    ['values[1]', () => piecewiseConstant({ boundaries: [10, 20], values: [1, -0.5, 0.1] })],
  ])('a negative rate → INVALID_OPTIONS at %s', (path, build) => {
    const error = expectRejected(build, path);
    expect(error.message).toContain(`${path}: must be a finite number >= 0 (got -`);
  });

  it('boundaries not strictly increasing → INVALID_OPTIONS at the first offending index', () => {
    const error = expectRejected(() => piecewiseConstant({ boundaries: [10, 30, 20], values: [1, 0.5, 0.2, 0.1] }), 'boundaries[2]');
    expect(error.message).toMatch(/boundaries\[2\]: must be strictly increasing.*got 20/);
    // Equal neighbours are not strictly increasing either.
    expectRejected(() => piecewiseConstant({ boundaries: [10, 10], values: [1, 0.5, 0.1] }), 'boundaries[1]');
  });

  it('values.length !== boundaries.length + 1 → INVALID_OPTIONS at values', () => {
    for (const values of [[1, 0.5], [1, 0.5, 0.2, 0.1]]) {
      const error = expectRejected(() => piecewiseConstant({ boundaries: [10, 20], values }), 'values');
      expect(error.message).toMatch(/values: must hold one more value than boundaries \(3\)/);
    }
  });

  it('no boundaries at all → INVALID_OPTIONS at boundaries (TF indexes boundaries[0])', () => {
    expectRejected(() => piecewiseConstant({ boundaries: [], values: [1] }), 'boundaries');
  });

  it.each([
    ['alpha', () => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: Number.NaN })],
    ['decaySteps', () => linearCosineDecay({ initialLearningRate: 0.1, decaySteps: Number.NaN })],
    ['initialLearningRate', () => naturalExpDecay({ initialLearningRate: Number.NaN, decaySteps: 10, decayRate: 0.1 })],
    ['boundaries[0]', () => piecewiseConstant({ boundaries: [Number.NaN], values: [1, 0.5] })],
    ['initialVariance', () => noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, initialVariance: Number.NaN })],
    ['power', () => polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, power: Number.POSITIVE_INFINITY })],
  ])('NaN or Infinity → INVALID_OPTIONS at %s', (path, build) => {
    const error = expectRejected(build, path);
    expect(error.message).toMatch(/got (NaN|Infinity)/);
  });

  it('a non-integer or out-of-range seed → INVALID_OPTIONS at seed (the generator mixes 32-bit words)', () => {
    const fractional = expectRejected(() => noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, seed: 1.5 }), 'seed');
    expect(fractional.message).toMatch(/seed: must be an integer \(got 1\.5\)/);
    expectRejected(() => noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, seed: -1 }), 'seed');
    expectRejected(() => noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, seed: 2 ** 32 }), 'seed');
  });

  it('tMul < 1 → INVALID_OPTIONS at tMul (shrinking periods end in NaN in TF)', () => {
    const error = expectRejected(() => cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 0.5 }), 'tMul');
    expect(error.message).toMatch(/tMul: must be >= 1 .*\(got 0\.5\)/);
  });

  it.each([
    ['alpha', () => cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10, alpha: 1.5 })],
    ['alpha', () => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: -0.1 })],
  ])('a floor outside [0, 1] → INVALID_OPTIONS at %s', (path, build) => {
    const error = expectRejected(build, path);
    expect(error.message).toContain('must be in [0, 1]');
  });

  it('a negative mMul → INVALID_OPTIONS at mMul (it would flip the sign of every other period)', () => {
    const error = expectRejected(() => cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10, mMul: -0.5 }), 'mMul');
    expect(error.message).toMatch(/mMul: must be >= 0/);
  });

  it.each([
    ['power', () => polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, power: -1 })],
    ['beta', () => linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, beta: -0.001 })],
    ['alpha', () => linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: -0.5 })],
    ['numPeriods', () => linearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, numPeriods: -1 })],
    ['varianceDecay', () => noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 10, varianceDecay: -1 })],
    ['warmupSteps', () => cosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 0.1, warmupSteps: -1 })],
  ])('a negative shape parameter that could make the rate infinite or negative → INVALID_OPTIONS at %s', (path, build) => {
    expectRejected(build, path);
  });

  it('the declarative form reports INVALID_CONFIG with the same path', () => {
    expectRejected(
      () => fromConfig({ kind: 'cosineDecayRestarts', initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 0.9 }),
      'tMul',
      'INVALID_CONFIG',
    );
    expectRejected(
      () => fromConfig({ kind: 'piecewiseConstant', boundaries: [5, 1], values: [3, 2, 1] }),
      'boundaries[1]',
      'INVALID_CONFIG',
    );
  });
});
