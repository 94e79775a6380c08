import { describe, expect, it } from 'vitest';
import { clamp, cyclicLR, exponentialDecay, product, sequence, shift } from '@anneal/core';
import { expectRejected } from './support.js';

// Survivors of `pnpm mutate combinators` (docs/benchmarks.md): product of exactly two
// schedules was never run, and clamp with min = max never tried.
// Reference for the children: TensorFlow exponential_decay, a·r^(t/s).
const fast = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
const slow = exponentialDecay({ initialLearningRate: 0.02, decaySteps: 100, decayRate: 0.5 });

describe('combinator edges', () => {
  it('product of exactly two schedules multiplies them (PyTorch ChainedScheduler of two)', () => {
    const p = product({ schedules: [fast, slow] });
    for (const t of [0, 7, 50, 333]) {
      expect(p(t)).toBeCloseTo(0.1 * 0.5 ** (t / 10) * 0.02 * 0.5 ** (t / 100), 15);
    }
  });

  it('clamp accepts min = max, a constant rate', () => {
    const c = clamp({ schedule: fast, min: 0.03, max: 0.03 });
    expect([0, 10, 100].map(c)).toEqual([0.03, 0.03, 0.03]);
  });

  it('a negative shift saturates the child\'s step at Number.MAX_VALUE instead of passing Infinity (issue 9: shift twice by −1e308)', () => {
    // lr(t) = s(min(t − steps, Number.MAX_VALUE)) for steps < 0. A child whose value at Infinity is
    // not its value at MAX_VALUE tells the two apart: CyclicLR's x = |t/stepSize − 2·cycle + 1| is ∞ − ∞ there.
    const child = cyclicLR({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 10 });
    const once = shift({ schedule: child, steps: -1e308 });
    const twice = shift({ schedule: once, steps: -1e308 });
    for (const lr of [once, twice]) {
      expect(lr(Number.MAX_VALUE)).toBe(child(Number.MAX_VALUE));
      expect(Number.isFinite(lr(Number.MAX_VALUE))).toBe(true);
    }
    expect(twice(1)).toBe(child(Number.MAX_VALUE)); // 1 + 2e308 saturates too
  });

  it('sequence says how many boundaries it needs: schedules.length − 1 (3 schedules → 2)', () => {
    const error = expectRejected(() => sequence({ schedules: [fast, slow, fast], boundaries: [30] }), 'boundaries');
    expect(error.message).toMatch(/= 2 values, holds 1/);
  });
});
