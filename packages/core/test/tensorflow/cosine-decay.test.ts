import { describe, expect, it } from 'vitest';
import { cosineDecay } from '@anneal/core';
import { expectMatches, expectNonIncreasing, grid, tensorflowTolerance } from '../support.js';

// Reference: Keras 3 keras/src/optimizers/schedules/learning_rate_schedule.py, CosineDecay:
//   _decay_function(step, decay_steps, decay_from_lr):
//       completed_fraction = step / decay_steps
//       cosine_decayed = 0.5 * (1.0 + cos(pi * completed_fraction))
//       decayed = (1 - alpha) * cosine_decayed + alpha
//       return decay_from_lr * decayed
//   _warmup_function(step, warmup_steps, warmup_target, initial):
//       return (warmup_target - initial) * (step / warmup_steps) + initial
//   __call__(step):
//       if warmup_target is None:
//           return _decay_function(min(step, decay_steps), decay_steps, initial)
//       step = min(step, decay_steps + warmup_steps)
//       return _warmup_function(...) if step < warmup_steps else _decay_function(step - warmup_steps, decay_steps, warmup_target)
function reference(initial: number, decaySteps: number, alpha: number, warmupTarget: number | null, warmupSteps: number) {
  const decay = (step: number, from: number) => {
    const completed = step / decaySteps;
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * completed));
    return from * ((1 - alpha) * cosineDecayed + alpha);
  };
  return (step: number): number => {
    if (warmupTarget === null) return decay(Math.min(step, decaySteps), initial);
    const t = Math.min(step, decaySteps + warmupSteps);
    if (t < warmupSteps) return (warmupTarget - initial) * (t / warmupSteps) + initial;
    return decay(t - warmupSteps, warmupTarget);
  };
}

const noWarmupSteps = [0, 0.5, 1, 250, 333.3, 500, 750, 999, 999.75, 1000, 1000.5, 2000, 1e9];
const warmupSteps = [0, 0.5, 50, 99, 99.9, 100, 100.5, 350, 600, 1099, 1100, 1100.25, 5000, 1e9];

describe('cosineDecay', () => {
  it.each([0, 0.1, 1])('matches the reference without warmup, alpha %d', (alpha) => {
    const lr = cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha });
    expectMatches(lr, reference(0.1, 1000, alpha, null, 0), noWarmupSteps, tensorflowTolerance(0.1));
  });

  it('by hand: 0.1 at 0, 0.05 at half, 0.1·alpha at and past the end', () => {
    const lr = cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.2 });
    expect(lr(0)).toBeCloseTo(0.1, 16);
    expect(lr(500)).toBeCloseTo(0.1 * (0.8 * 0.5 + 0.2), 15);
    expect(lr(1000)).toBeCloseTo(0.02, 16);
    expect(lr(1e9)).toBeCloseTo(0.02, 16);
  });

  it.each([0, 0.25])('matches the Keras 3 reference with a warmup to warmupTarget, alpha %d', (alpha) => {
    const lr = cosineDecay({ initialLearningRate: 0.01, decaySteps: 1000, alpha, warmupTarget: 0.1, warmupSteps: 100 });
    expectMatches(lr, reference(0.01, 1000, alpha, 0.1, 100), warmupSteps, tensorflowTolerance(0.1));
  });

  it('reproduces the Keras 3 docstring example: warm up 0 → 0.1 over 1000 steps, then decay over 1000', () => {
    const lr = cosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 1000 });
    expect(lr(0)).toBe(0);
    expect(lr(500)).toBeCloseTo(0.05, 16);
    expect(lr(1000)).toBeCloseTo(0.1, 16);
    expect(lr(1500)).toBeCloseTo(0.05, 16);
    expect(lr(2000)).toBeCloseTo(0, 16);
    expect(lr(1e9)).toBeCloseTo(0, 16);
  });

  it('takes alpha as a fraction of warmupTarget (not of initialLearningRate) once warming up', () => {
    const lr = cosineDecay({ initialLearningRate: 0.001, decaySteps: 100, alpha: 0.5, warmupTarget: 0.2, warmupSteps: 10 });
    expect(lr(110)).toBeCloseTo(0.1, 16); // 0.5 · 0.2, not 0.5 · 0.001
    expect(lr(1e9)).toBeCloseTo(0.1, 16);
  });

  it('treats warmupTarget null or absent as no warmup, ignoring warmupSteps (Keras 3)', () => {
    const plain = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
    const nulled = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100, warmupTarget: null, warmupSteps: 50 });
    for (const t of [0, 25, 50, 100, 150]) expect(nulled(t)).toBe(plain(t));
    expect(nulled(100)).toBeCloseTo(0, 16); // ends at decaySteps, not decaySteps + warmupSteps
  });

  it('with warmupTarget and warmupSteps 0, decays from warmupTarget from step 0 (Keras 3)', () => {
    const lr = cosineDecay({ initialLearningRate: 0.5, decaySteps: 100, warmupTarget: 0.1 });
    expectMatches(lr, reference(0.5, 100, 0, 0.1, 0), [0, 50, 100, 1e9], tensorflowTolerance(0.5));
    expect(lr(0)).toBeCloseTo(0.1, 16);
  });

  it('never increases without warmup; rises during warmup and never increases after', () => {
    expectNonIncreasing(cosineDecay({ initialLearningRate: 1, decaySteps: 100, alpha: 0.1 }), [...grid(0, 150, 0.25), 1e9]);
    const lr = cosineDecay({ initialLearningRate: 0, decaySteps: 100, warmupTarget: 1, warmupSteps: 20 });
    const up = grid(0, 20, 0.25);
    for (let i = 1; i < up.length; i++) expect(lr(up[i] as number)).toBeGreaterThan(lr(up[i - 1] as number));
    expectNonIncreasing(lr, [...grid(0, 150, 0.25).filter((t) => t >= 20), 1e9]);
  });
});
