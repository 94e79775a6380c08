import { AnnealError } from '@anneal/core';
import { createLoopScheduler, type LoopScheduler } from '@anneal/loop';
import { createMonitor } from '@anneal/monitor';
import { describe, expect, it } from 'vitest';

// TensorFlow learning_rate_decay.py exponential_decay, staircase:
//   lr(t) = initial · rate ^ floor(t / decaySteps)
const staircase = (t: number) => 0.1 * 0.5 ** Math.floor(t / 4);
const decaying = {
  schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5, staircase: true },
  metric: 'val_loss',
} as const;

/** Runs `epochs` epochs of `steps` batches, reporting `losses[epoch]`; returns every rate used. */
function drive(scheduler: LoopScheduler, losses: readonly number[], steps: number): number[] {
  const rates: number[] = [];
  for (const loss of losses) {
    for (let b = 0; b < steps; b++) rates.push(scheduler.step());
    scheduler.report({ val_loss: loss });
  }
  return rates;
}

describe('createLoopScheduler', () => {
  it('step() returns lrAt(globalStep) for consecutive global steps across epochs', () => {
    const scheduler = createLoopScheduler(decaying);
    const rates = drive(scheduler, [1, 0.9, 0.8], 3);
    expect(rates).toEqual(Array.from({ length: 9 }, (_, t) => staircase(t)));
    expect(scheduler.globalStep).toBe(9);
    expect(scheduler.lr).toBe(staircase(9));
  });

  it('writes the rate through a function binding only when it changes', () => {
    const written: number[] = [];
    const scheduler = createLoopScheduler(decaying, (lr) => written.push(lr));
    for (let t = 0; t < 10; t++) scheduler.step();
    expect(written).toEqual([staircase(0), staircase(4), staircase(8)]);
  });

  it('writes through an object binding with setLearningRate, the way a framework plugs in', () => {
    const optimizer = {
      learningRate: 1,
      setLearningRate(lr: number) {
        this.learningRate = lr;
      },
    };
    const scheduler = createLoopScheduler(decaying, optimizer);
    for (let t = 0; t < 5; t++) scheduler.step();
    expect(optimizer.learningRate).toBe(staircase(4));
  });

  it('report() observes at the global step with the epoch counter and returns the decisions', () => {
    const scheduler = createLoopScheduler(decaying);
    for (let t = 0; t < 3; t++) scheduler.step();
    const first = scheduler.report({ val_loss: 0.5 });
    expect(first).toEqual([{ type: 'improve', step: 3, value: 0.5, previous: null }]);
    for (let t = 0; t < 3; t++) scheduler.step();
    const second = scheduler.report({ val_loss: 0.7 });
    expect(second).toEqual([{ type: 'badEvaluation', step: 6, value: 0.7, best: 0.5, count: 1 }]);
    expect(scheduler.epoch).toBe(2);
    expect(scheduler.monitor.state.count).toBe(2);
  });

  it('takes an explicit epoch for a report and counts on from it', () => {
    const scheduler = createLoopScheduler(decaying);
    scheduler.report({ val_loss: 1 }, { epoch: 7 });
    expect(scheduler.epoch).toBe(8);
    expect(() => scheduler.report({ val_loss: 1 }, { epoch: 1.5 })).toThrow(/epoch: must be an integer >= 0 \(got 1.5\)/);
  });

  it('refuses bad report options by name, value and rule, before the monitor sees the metrics', () => {
    const scheduler = createLoopScheduler(decaying);
    expect(() => scheduler.report({ val_loss: 1 }, { endsEpoch: 'yes' as never })).toThrow(
      'Invalid report options: endsEpoch: must be a boolean (got "yes")',
    );
    expect(() => scheduler.report({ val_loss: 1 }, { endEpoch: false } as never)).toThrow(
      'Invalid report options: endEpoch: is not a known option; did you mean "endsEpoch"? (got false)',
    );
    expect(scheduler.monitor.state.count).toBe(0);
  });

  it('refuses bad scheduler options by name, value and rule, and names a misspelt one', () => {
    expect(() => createLoopScheduler(decaying, undefined, { intervall: 'epoch' } as never)).toThrow(
      'Invalid scheduler options: intervall: is not a known option; did you mean "interval"? (got "epoch")',
    );
    expect(() => createLoopScheduler(decaying, undefined, { registry: [] as never })).toThrow(
      'Invalid scheduler options: registry: must be a rule registry (createRegistry, createDefaultRegistry) (got [])',
    );
  });

  it('uses a monitor it is given, sharing its state', () => {
    const monitor = createMonitor(decaying);
    const scheduler = createLoopScheduler(monitor);
    scheduler.step();
    scheduler.report({ val_loss: 1 });
    expect(scheduler.monitor).toBe(monitor);
    expect(monitor.state.count).toBe(1);
  });

  it('continues from a JSON snapshot exactly as the uninterrupted run', () => {
    const losses = [1, 0.8, 0.85, 0.9, 0.7, 0.75, 0.8, 0.82];
    const whole = createLoopScheduler(decaying);
    const expected = drive(whole, losses, 3);

    const first = createLoopScheduler(decaying);
    const before = drive(first, losses.slice(0, 3), 3);
    const saved = JSON.parse(JSON.stringify(first.snapshot()));
    const resumed = createLoopScheduler(decaying, undefined, { restore: saved });
    expect(resumed.globalStep).toBe(9);
    expect(resumed.epoch).toBe(3);
    const after = drive(resumed, losses.slice(3), 3);
    expect([...before, ...after]).toEqual(expected);
    expect(resumed.monitor.state).toEqual(whole.monitor.state);
  });

  it('rejects a corrupted snapshot and one of another config with INVALID_SNAPSHOT', () => {
    const snapshot = createLoopScheduler(decaying).snapshot();
    const restore = (value: unknown, config: unknown = decaying) => () => createLoopScheduler(config as never, undefined, { restore: value });
    expect(restore({ ...snapshot, step: -1 })).toThrow(/step: must be an integer >= 0 \(got -1\)/);
    expect(restore({ ...snapshot, version: 2 })).toThrow(/version: must be 1/);
    expect(restore('nope')).toThrow(AnnealError);
    const other = { ...decaying, metric: 'val_acc', mode: 'max' };
    try {
      restore(snapshot, other)();
      expect.unreachable();
    } catch (error) {
      expect((error as AnnealError).code).toBe('INVALID_SNAPSHOT');
      expect((error as AnnealError).path).toBe('fingerprint');
    }
  });

  it('rejects a binding that is neither a function nor has setLearningRate', () => {
    expect(() => createLoopScheduler(decaying, { learningRate: 1 } as never)).toThrow(/Invalid binding.*setLearningRate/);
  });

  it('passes an invalid config on as the monitor’s INVALID_CONFIG error', () => {
    expect(() => createLoopScheduler({ metric: 'val_loss' })).toThrow(/initialLearningRate/);
  });
});
