import { describe, expect, it } from 'vitest';
import { fromConfig, type ScheduleConfigInput, withFoundRate } from '@anneal/core';
import { expectRejected } from './support.js';

const result = { suggestions: { valley: 3e-3, slide: 1e-2, minimum: 2e-3, steep: null } };

describe('withFoundRate', () => {
  it('sets a monitor config’s constant initialLearningRate, with valley by default, leaving the argument as it was', () => {
    const config = { initialLearningRate: 0.1, metric: 'val_loss' };
    expect(withFoundRate(config, result)).toEqual({ initialLearningRate: 3e-3, metric: 'val_loss' });
    expect(config.initialLearningRate).toBe(0.1);
  });

  it('sets the initialLearningRate of a monitor config’s schedule, through warmup', () => {
    const config = {
      metric: 'val_loss',
      schedule: { kind: 'warmup', warmupSteps: 100, schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 1000 } },
    } as const;
    const found = withFoundRate(config, result, 'slide');
    expect(found.schedule.schedule.initialLearningRate).toBe(1e-2);
    // The schedule now starts its decay from the found rate, right after the warmup.
    expect(fromConfig(found.schedule)(100)).toBe(1e-2);
  });

  it('sets maxLr of oneCycleLR and peakValue of optax’s warmupCosineDecay', () => {
    const oneCycle: ScheduleConfigInput = { kind: 'oneCycleLR', maxLr: 1, totalSteps: 100 };
    expect(withFoundRate(oneCycle, result, 'minimum')).toEqual({ kind: 'oneCycleLR', maxLr: 2e-3, totalSteps: 100 });
    const optax: ScheduleConfigInput = { kind: 'warmupCosineDecay', initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 100 };
    expect(withFoundRate(optax, result)).toMatchObject({ peakValue: 3e-3, initValue: 0 });
  });

  it('refuses a schedule without one starting rate, naming where it is', () => {
    const schedule: ScheduleConfigInput = { kind: 'piecewiseConstant', boundaries: [10], values: [0.1, 0.01] };
    const config = { metric: 'loss', schedule };
    const error = expectRejected(() => withFoundRate(config, result), 'schedule.kind', 'INVALID_CONFIG');
    expect(error.message).toMatch(/^Invalid config for a found rate: schedule\.kind: must be a schedule with one starting or peak rate .* \(got "piecewiseConstant"\)$/);
    const seq: ScheduleConfigInput = { kind: 'sequence', boundaries: [10], schedules: [oneCycleOf(1), oneCycleOf(2)] };
    expectRejected(() => withFoundRate(seq, result), 'kind', 'INVALID_CONFIG');
  });

  it('refuses a method that has no suggestion, and an unknown method', () => {
    const none = expectRejected(() => withFoundRate({ initialLearningRate: 0.1 }, result, 'steep'), 'suggestions.steep');
    expect(none.message).toMatch(/^Invalid range test result: suggestions\.steep: must be a finite rate > 0 .* \(got null\)$/);
    const unknown = expectRejected(() => withFoundRate({ initialLearningRate: 0.1 }, result, 'fastest' as never), 'method');
    expect(unknown.message).toBe('Invalid suggestion method: method: must be one of valley, slide, minimum, steep (got "fastest")');
  });
});

function oneCycleOf(maxLr: number): ScheduleConfigInput {
  return { kind: 'oneCycleLR', maxLr, totalSteps: 10 };
}
