import { describe, expect, it } from 'vitest';
import { exponentialDecay, exponentialLR, stepLR } from '@anneal/core';

// A growing schedule (factor > 1, as in an LR range test) must stay finite: the
// reference would overflow to inf; anneal caps at the largest finite double.
describe('growing schedules stay finite', () => {
  it.each([
    // Built inside the test (not at collection), so `pnpm mutate` can see a mutant of build.
    ['exponentialDecay', () => exponentialDecay({ initialLearningRate: 1e-6, decaySteps: 1, decayRate: 10 }), 3, 1e-3],
    ['exponentialLR', () => exponentialLR({ initialLearningRate: 1e-6, gamma: 10 }), 3, 1e-3],
    ['stepLR', () => stepLR({ initialLearningRate: 1e-6, stepSize: 1, gamma: 10 }), 3, 1e-3],
  ])('%s grows as 1e-6·10^t near the start and is capped at Number.MAX_VALUE far out', (_, build, t, expected) => {
    const lr = build();
    expect(lr(t)).toBeCloseTo(expected, 15);
    expect(lr(1e6)).toBe(Number.MAX_VALUE);
  });
});
