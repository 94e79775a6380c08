import { describe, expect, it } from 'vitest';
import { piecewiseConstant } from '@anneal/core';
import { expectMatches, tensorflowTolerance } from '../support.js';

// Reference: Keras 3 keras/src/optimizers/schedules/learning_rate_schedule.py, PiecewiseConstantDecay
// (same in TF tensorflow/python/keras/optimizer_v2/learning_rate_schedule.py):
//   values[0] if step <= boundaries[0]; values[-1] if step > boundaries[-1];
//   values[i] if boundaries[i-1] < step <= boundaries[i].
function reference(boundaries: number[], values: number[]) {
  return (step: number): number => {
    if (step <= (boundaries[0] as number)) return values[0] as number;
    if (step > (boundaries[boundaries.length - 1] as number)) return values[values.length - 1] as number;
    for (let i = 1; i < boundaries.length; i++) {
      if (step > (boundaries[i - 1] as number) && step <= (boundaries[i] as number)) return values[i] as number;
    }
    throw new Error('unreachable');
  };
}

describe('piecewiseConstant', () => {
  it('follows the Keras docstring example: 1.0 for the first 100001 steps, 0.5 for the next 10000, then 0.1', () => {
    const lr = piecewiseConstant({ boundaries: [100_000, 110_000], values: [1, 0.5, 0.1] });
    const table: Array<[number, number]> = [
      [0, 1],
      [99_999.5, 1],
      [100_000, 1], // a step equal to a boundary keeps the earlier value
      [100_000.5, 0.5],
      [100_001, 0.5],
      [110_000, 0.5],
      [110_001, 0.1],
      [1e9, 0.1],
    ];
    for (const [step, expected] of table) expect(lr(step), `step ${step}`).toBe(expected);
  });

  it('matches the reference at, just before and just after every boundary of a long list', () => {
    const boundaries = [3, 7.5, 10, 40, 41, 100, 1000, 5000, 5001];
    const values = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const steps = [0, 1e9, ...boundaries.flatMap((b) => [b - 0.5, b - 1e-9, b, b + 1e-9, b + 0.5])];
    expectMatches(piecewiseConstant({ boundaries, values }), reference(boundaries, values), steps, tensorflowTolerance());
  });

  it('works with a single boundary and with a boundary at step 0', () => {
    const lr = piecewiseConstant({ boundaries: [0], values: [2, 1] });
    expectMatches(lr, reference([0], [2, 1]), [0, 1e-12, 0.5, 1, 1e9], tensorflowTolerance());
    expect(piecewiseConstant({ boundaries: [0], values: [2, 1] })(0)).toBe(2);
  });

  it('allows increasing values (TensorFlow does not require them to decay)', () => {
    const lr = piecewiseConstant({ boundaries: [10], values: [0.01, 0.1] });
    expect(lr(10)).toBe(0.01);
    expect(lr(11)).toBe(0.1);
  });
});
