import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clamp, exponentialDecay, fromConfig, product, type ScheduleConfigInput, sequence, shift, warmup } from '@anneal/core';
import { expectRejected } from './support.js';

// Children with a known closed form (TensorFlow exponential_decay): a·r^(t/s).
const decay = (a: number, r: number, s: number) => (t: number) => a * Math.pow(r, t / s);
const fast = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
const slow = exponentialDecay({ initialLearningRate: 0.02, decaySteps: 100, decayRate: 0.5 });

describe('sequence (optax join_schedules / PyTorch SequentialLR)', () => {
  const joined = sequence({ schedules: [fast, slow], boundaries: [30] });

  it('follows the first schedule strictly before the boundary', () => {
    expect(joined(29.5)).toBeCloseTo(decay(0.1, 0.5, 10)(29.5), 15);
  });

  it('starts the next schedule at its own step 0 exactly at the boundary (optax: index = sum(boundaries <= step))', () => {
    expect(joined(30)).toBe(0.02);
    expect(joined(130)).toBeCloseTo(decay(0.02, 0.5, 100)(100), 15);
  });

  it('joins three or more schedules, each seeing its local step (optax join_schedules)', () => {
    const three = sequence({ schedules: [fast, slow, fast], boundaries: [30, 100] });
    expect(three(29)).toBeCloseTo(decay(0.1, 0.5, 10)(29), 15);
    expect(three(30)).toBe(0.02);
    expect(three(99)).toBeCloseTo(decay(0.02, 0.5, 100)(69), 15);
    expect(three(100)).toBe(0.1);
    expect(three(125)).toBeCloseTo(decay(0.1, 0.5, 10)(25), 15);
  });

  it('with a single schedule is that schedule', () => {
    expect(sequence({ schedules: [fast], boundaries: [] })(42)).toBe(fast(42));
  });

  it('rejects boundaries that are not strictly increasing, naming the index', () => {
    expectRejected(() => sequence({ schedules: [fast, slow, fast], boundaries: [30, 30] }), 'boundaries[1]');
  });

  it('rejects a boundary count that is not schedules.length − 1', () => {
    expectRejected(() => sequence({ schedules: [fast, slow], boundaries: [] }), 'boundaries');
  });

  it('rejects a child that is not a function', () => {
    expectRejected(() => sequence({ schedules: [fast, 3 as never], boundaries: [1] }), 'schedules[1]');
  });
});

describe('product (PyTorch ChainedScheduler)', () => {
  it('multiplies the schedules pointwise', () => {
    const p = product({ schedules: [fast, slow, fast] });
    for (const t of [0, 7, 100, 1e6]) expect(p(t)).toBeCloseTo(decay(0.1, 0.5, 10)(t) ** 2 * decay(0.02, 0.5, 100)(t), 15);
  });
});

describe('warmup', () => {
  const target = fast(0);
  it.each([
    ['linear', (f: number) => 0.001 + (target - 0.001) * f],
    ['cosine', (f: number) => 0.001 + (target - 0.001) * 0.5 * (1 - Math.cos(Math.PI * f))],
    ['exponential', (f: number) => 0.001 * (target / 0.001) ** f],
  ] as const)('ramps %s from startLearningRate to s(0), then follows s at t − warmupSteps', (shape, ramp) => {
    const w = warmup({ warmupSteps: 20, startLearningRate: 0.001, shape, schedule: fast });
    expect(w(0)).toBeCloseTo(0.001, 15);
    expect(w(5)).toBeCloseTo(ramp(0.25), 15);
    expect(w(20)).toBe(target);
    expect(w(35)).toBeCloseTo(decay(0.1, 0.5, 10)(15), 15);
  });

  it('refuses an exponential warmup from 0', () => {
    expectRejected(() => warmup({ warmupSteps: 10, shape: 'exponential', schedule: fast }), 'startLearningRate');
  });
});

describe('clamp and shift', () => {
  it('clamps into [min, max]', () => {
    const c = clamp({ schedule: fast, min: 0.01, max: 0.05 });
    expect(c(0)).toBe(0.05);
    expect(c(15)).toBeCloseTo(decay(0.1, 0.5, 10)(15), 15);
    expect(c(1000)).toBe(0.01);
  });

  it('rejects max < min', () => {
    expectRejected(() => clamp({ schedule: fast, min: 0.1, max: 0.01 }), 'max');
  });

  it('delays a schedule by k steps, holding s(0) before, and advances it for negative k', () => {
    const later = shift({ schedule: fast, steps: 10 });
    expect(later(5)).toBe(0.1);
    expect(later(25)).toBeCloseTo(decay(0.1, 0.5, 10)(15), 15);
    const earlier = shift({ schedule: fast, steps: -10 });
    expect(earlier(0)).toBeCloseTo(0.05, 15);
  });
});

describe('combinators as configs', () => {
  it('nest to any depth and equal their programmatic twins', () => {
    const config = {
      kind: 'warmup',
      warmupSteps: 10,
      schedule: {
        kind: 'sequence',
        boundaries: [30],
        schedules: [
          { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
          { kind: 'clamp', min: 0.005, schedule: { kind: 'exponentialDecay', initialLearningRate: 0.02, decaySteps: 100, decayRate: 0.5 } },
        ],
      },
    };
    const twin = warmup({
      warmupSteps: 10,
      schedule: sequence({ schedules: [fast, clamp({ schedule: slow, min: 0.005 })], boundaries: [30] }),
    });
    const built = fromConfig(config as ScheduleConfigInput);
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (t) => built(t) === twin(t)));
  });

  it('report the full path of a bad field deep inside', () => {
    const config = {
      kind: 'product',
      schedules: [{ kind: 'shift', steps: 3, schedule: { kind: 'exponentialDecay', initialLearningRate: -1, decaySteps: 1, decayRate: 0.5 } }],
    };
    const error = expectRejected(() => fromConfig(config as never), 'schedules[0].schedule.initialLearningRate', 'INVALID_CONFIG');
    expect(error.message).toContain('got -1');
  });
});

describe('unknown options', () => {
  it('are refused by name, at any depth, so a misspelt option never passes silently', () => {
    const error = expectRejected(
      () =>
        fromConfig({
          kind: 'warmup',
          warmupSteps: 10,
          // @ts-expect-error a misspelt option is a compile error too (see test/types)
          schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, stairCase: true },
        }),
      'schedule.stairCase',
      'INVALID_CONFIG',
    );
    expect(error.message).toMatch(/schedule\.stairCase: is not a known option/);
    expectRejected(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, decay_steps: 3 } as never), 'decay_steps');
  });

  it('except a root "$schema" key pointing editors at the JSON Schema', () => {
    const config = { $schema: './schedule.schema.json', kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 } as const;
    expect(fromConfig(config)(10)).toBeCloseTo(0.05, 15);
  });
});
