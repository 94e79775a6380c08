import { AnnealError } from '@anneal/core';
import { createLoopScheduler } from '@anneal/loop';
import { createMonitor, type MonitorConfigInput } from '@anneal/monitor';
import { describe, expect, it } from 'vitest';

/** A stand-in optimizer: what a framework hands over as the binding. */
function fakeOptimizer(learningRate: number) {
  return {
    learningRate,
    getLearningRate() {
      return this.learningRate;
    },
    setLearningRate(lr: number) {
      this.learningRate = lr;
    },
  };
}

// Drops by half on every evaluation that is not an improvement (patience 0).
const plateauOnly = { metric: 'val_loss', rules: [{ kind: 'plateau', patience: 0, factor: 0.5 }] } satisfies MonitorConfigInput;

describe('the optimizer’s rate as the base (a config without initialLearningRate or schedule)', () => {
  it('starts from getLearningRate() at the first step, as torch’s ReduceLROnPlateau starts from the optimizer’s lr', () => {
    const optimizer = fakeOptimizer(0.003);
    const scheduler = createLoopScheduler(plateauOnly, optimizer);
    optimizer.learningRate = 0.004; // changed before training begins: the rate at the start counts
    expect(scheduler.step()).toBe(0.004);
    scheduler.report({ val_loss: 1 });
    scheduler.report({ val_loss: 2 });
    expect(optimizer.learningRate).toBe(0.002);
    expect(scheduler.snapshot().baseLearningRate).toBe(0.004);
  });

  it('a resumed run takes the base from the snapshot, not from the rate anneal lowered', () => {
    const optimizer = fakeOptimizer(0.1);
    const first = createLoopScheduler(plateauOnly, optimizer);
    first.step();
    first.report({ val_loss: 1 });
    first.report({ val_loss: 2 }); // drop: 0.1 → 0.05, written into the optimizer
    expect(optimizer.learningRate).toBe(0.05);
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    const resumed = createLoopScheduler(plateauOnly, optimizer, { restore: snapshot });
    expect(resumed.step()).toBe(0.05); // re-reading the optimizer would give 0.05 · 0.5
    resumed.report({ val_loss: 3 });
    expect(optimizer.learningRate).toBe(0.025);
  });

  it('without a getLearningRate() to read, is an AnnealError that says what to give', () => {
    expect(() => createLoopScheduler(plateauOnly, () => {})).toThrow(
      /^Invalid monitor config: initialLearningRate: is required unless the binding has getLearningRate\(\) \(give initialLearningRate or schedule.*\) \(got nothing\)$/,
    );
  });

  it('checks the rest of the config at once, before any step', () => {
    expect(() => createLoopScheduler({ metric: 'val_loss', minLr: -1 }, fakeOptimizer(0.1))).toThrow(/minLr/);
  });

  it('refuses a getLearningRate() that returns no rate, naming it', () => {
    const scheduler = createLoopScheduler(plateauOnly, { getLearningRate: () => Number.NaN, setLearningRate: () => {} });
    expect(() => scheduler.step()).toThrow(/binding.getLearningRate\(\): must return a finite number >= 0 \(got NaN\)/);
  });
});

describe('interval: "epoch"', () => {
  // PyTorch torch/optim/lr_scheduler.py StepLR(step_size=2, gamma=0.5) stepped once per
  // epoch: lr(epoch) = 0.1 · 0.5^floor(epoch / 2) = 0.1, 0.1, 0.05, 0.05, 0.025, 0.025.
  const stepLR = { schedule: { kind: 'stepLR', initialLearningRate: 0.1, stepSize: 2, gamma: 0.5 }, metric: 'loss' } satisfies MonitorConfigInput;

  it('gives every batch of epoch e the rate of schedule step e', () => {
    const scheduler = createLoopScheduler(stepLR, undefined, { interval: 'epoch' });
    const perEpoch: number[][] = [];
    for (let epoch = 0; epoch < 6; epoch++) {
      perEpoch.push([scheduler.step(), scheduler.step(), scheduler.step()]);
      scheduler.report({ loss: 1 });
    }
    expect(perEpoch).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025].map((lr) => [lr, lr, lr]));
    expect(scheduler.globalStep).toBe(18);
  });

  it('observes at the number of epochs completed, so a drop applies from the next epoch', () => {
    const scheduler = createLoopScheduler(
      { initialLearningRate: 0.1, ...plateauOnly },
      undefined,
      { interval: 'epoch' },
    );
    scheduler.step();
    expect(scheduler.report({ val_loss: 1 })[0]).toMatchObject({ type: 'improve', step: 1 });
    scheduler.step();
    expect(scheduler.report({ val_loss: 2 })).toContainEqual(expect.objectContaining({ type: 'drop', step: 2, to: 0.05 }));
    expect(scheduler.step()).toBe(0.05);
  });

  it('is recorded in the snapshot, and a snapshot restores only with the same interval', () => {
    const scheduler = createLoopScheduler(stepLR, undefined, { interval: 'epoch' });
    scheduler.step();
    scheduler.report({ loss: 1 });
    const snapshot = JSON.parse(JSON.stringify(scheduler.snapshot()));
    expect(snapshot.interval).toBe('epoch');
    expect(createLoopScheduler(stepLR, undefined, { interval: 'epoch', restore: snapshot }).epoch).toBe(1);
    expect(() => createLoopScheduler(stepLR, undefined, { restore: snapshot })).toThrow(
      'Invalid loop snapshot: interval: must match the options\' interval "batch" (the snapshot counts steps per epoch; restore it with interval "epoch") (got "epoch")',
    );
  });

  it('refuses an unknown interval', () => {
    expect(() => createLoopScheduler(stepLR, undefined, { interval: 'step' as never })).toThrow(
      'Invalid scheduler options: interval: must be "batch" or "epoch" (got "step")',
    );
  });
});

describe('evaluations in the middle of an epoch', () => {
  it('report(…, { endsEpoch: false }) keeps the epoch counter; endEpoch() moves it', () => {
    const scheduler = createLoopScheduler({ initialLearningRate: 0.1, metric: 'loss' });
    scheduler.step();
    scheduler.report({ loss: 1 }, { endsEpoch: false });
    expect(scheduler.epoch).toBe(0);
    scheduler.endEpoch();
    expect(scheduler.epoch).toBe(1);
  });
});

describe('function schedules', () => {
  it('run through the scheduler, and the snapshot says so', () => {
    const config = { schedule: (t: number) => 0.1 / (1 + t), metric: 'loss' } satisfies MonitorConfigInput;
    const scheduler = createLoopScheduler(config);
    expect([scheduler.step(), scheduler.step()]).toEqual([0.1, 0.05]);
    const snapshot = JSON.parse(JSON.stringify(scheduler.snapshot()));
    expect(snapshot.schedule).toBe('function');
    expect(createLoopScheduler(config, undefined, { restore: snapshot }).step()).toBeCloseTo(0.1 / 3, 15);
    expect(() =>
      createLoopScheduler({ schedule: { kind: 'constant', initialLearningRate: 0.1 }, metric: 'loss' }, undefined, { restore: snapshot }),
    ).toThrow(/^Invalid loop snapshot: schedule: must match the kind of schedule of the config \(the snapshot was taken with a function schedule .*\) \(got "function"\)$/);
  });
});

describe('the epoch counts once the observation is committed (issue 9)', () => {
  it('even when a listener of the monitor throws', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, ...plateauOnly });
    monitor.on('drop', () => {
      throw new Error('listener failed');
    });
    const written: number[] = [];
    const scheduler = createLoopScheduler(monitor, (lr) => written.push(lr));
    scheduler.step();
    scheduler.report({ val_loss: 1 });
    expect(() => scheduler.report({ val_loss: 2 })).toThrow('listener failed');
    expect(scheduler.epoch).toBe(2);
    expect(written).toEqual([0.1, 0.05]); // the new rate was still written
  });

  it('but not when the observation itself is refused (the state is unchanged)', () => {
    const scheduler = createLoopScheduler({ initialLearningRate: 0.1, metric: 'loss' });
    expect(() => scheduler.report({ other: 1 })).toThrow(AnnealError);
    expect(scheduler.epoch).toBe(0);
  });
});
