import { AnnealError } from '@anneal/core';
import { createMonitor } from '@anneal/monitor';
import { describe, expect, it } from 'vitest';

const rules = [{ kind: 'plateau' as const, patience: 0, factor: 0.5 }];

describe('a config without initialLearningRate or schedule', () => {
  it('is refused by createMonitor alone, saying why (no optimizer to read a rate from)', () => {
    expect(() => createMonitor({ metric: 'val_loss', rules })).toThrow(/no optimizer to take the rate from/);
  });

  it('takes baseLearningRate (what the adapters pass) as its initialLearningRate', () => {
    const monitor = createMonitor({ metric: 'val_loss', rules }, { baseLearningRate: 0.003 });
    expect(monitor.lrAt(0)).toBe(0.003);
    expect(monitor.config.initialLearningRate).toBe(0.003);
  });

  it('ignores baseLearningRate when the config names a rate', () => {
    expect(createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { baseLearningRate: 0.003 }).lrAt(0)).toBe(0.1);
  });

  it('still refuses both at once', () => {
    expect(() =>
      createMonitor({ initialLearningRate: 0.1, schedule: { kind: 'constant', initialLearningRate: 0.1 }, metric: 'loss' }),
    ).toThrow(/give only one of initialLearningRate/);
  });
});

describe('a function schedule', () => {
  it('is the base rate, as Keras LearningRateScheduler(fn)', () => {
    const monitor = createMonitor({ schedule: (step: number) => 0.1 / (1 + step), metric: 'loss' });
    expect(monitor.lrAt(0)).toBe(0.1);
    expect(monitor.lrAt(9)).toBeCloseTo(0.01, 15);
  });

  it('is scaled by a drop like any base', () => {
    const monitor = createMonitor({ schedule: () => 0.2, metric: 'loss', rules });
    monitor.observe({ metrics: { loss: 1 } });
    monitor.observe({ metrics: { loss: 2 } });
    expect(monitor.lrAt(5)).toBe(0.1);
  });

  it.each([Number.NaN, -0.5, Infinity])('returning %s is an AnnealError naming the step', (bad) => {
    const monitor = createMonitor({ schedule: (step: number) => (step === 7 ? bad : 0.1), metric: 'loss' });
    expect(monitor.lrAt(6)).toBe(0.1);
    let error: unknown;
    try {
      monitor.lrAt(7);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AnnealError);
    expect((error as AnnealError).message).toBe(`Invalid schedule function: schedule: must return a finite number >= 0 (at step 7) (got ${bad})`);
    expect((error as AnnealError).path).toBe('schedule');
  });

  it('still validates the rest of the config', () => {
    expect(() => createMonitor({ schedule: () => 0.1, metric: 'loss', minLr: -1 })).toThrow(/minLr/);
    expect(() => createMonitor({ schedule: () => 0.1, initialLearningRate: 0.1, metric: 'loss' })).toThrow(/only one of/);
  });

  it('snapshots restore only into a config with a function schedule', () => {
    const monitor = createMonitor({ schedule: () => 0.1, metric: 'loss' });
    monitor.observe({ metrics: { loss: 1 } });
    const snapshot = JSON.parse(JSON.stringify(monitor.snapshot()));
    expect(createMonitor({ schedule: () => 0.1, metric: 'loss' }, { restore: snapshot }).state.count).toBe(1);
    expect(() =>
      createMonitor({ schedule: { kind: 'constant', initialLearningRate: 0.1 }, metric: 'loss' }, { restore: snapshot }),
    ).toThrow(/another monitor config/);
  });
});
