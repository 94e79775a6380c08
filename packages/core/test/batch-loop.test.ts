import { describe, expect, it } from 'vitest';
import { cosineDecayRestarts, evaluate, noisyLinearCosineDecay, stepLR } from '@anneal/core';
import { batchLoopFor, compiledLoopThreshold, sharedLoop } from '../src/batch-loop.js';

const schedules = [
  cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 700, tMul: 1.5, mMul: 0.8 }),
  noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 9000, seed: 3 }),
  stepLR({ initialLearningRate: 0.1, stepSize: 1000, gamma: 0.5 }),
];

describe('batch loops', () => {
  it('compile a loop of its own for each schedule on long batches, and share one loop on short ones', () => {
    const [a, b] = schedules as [(typeof schedules)[0], (typeof schedules)[0]];
    const long = compiledLoopThreshold;
    expect(batchLoopFor(a, long)).not.toBe(sharedLoop);
    expect(batchLoopFor(a, long)).toBe(batchLoopFor(a, long));
    expect(batchLoopFor(a, long)).not.toBe(batchLoopFor(b, long));
    expect(batchLoopFor(a, long - 1)).toBe(sharedLoop);
  });

  it('give exactly the values of calling the schedule step by step, over ranges and explicit steps', () => {
    const n = 3 * compiledLoopThreshold;
    for (const lr of schedules) {
      const range = evaluate(lr, { start: 5, stop: 5 + n * 0.5, stride: 0.5 });
      const explicit = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 20000);
      const picked = evaluate(lr, explicit);
      for (let i = 0; i < n; i++) {
        if (range[i] !== lr(5 + i * 0.5)) expect.fail(`range: step ${5 + i * 0.5}`);
        if (picked[i] !== lr(explicit[i] as number)) expect.fail(`explicit: step ${explicit[i]}`);
      }
      expect(range.length).toBe(n);
    }
  });
});
