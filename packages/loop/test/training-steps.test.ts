import { AnnealError } from '@anneal/core';
import { createLoopScheduler, type TrainingStep, trainingSteps } from '@anneal/loop';
import { describe, expect, it } from 'vitest';

// TensorFlow learning_rate_decay.py exponential_decay, continuous: lr(t) = 0.1 · 0.9^t.
const config = {
  schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.9 },
  metric: 'val_loss',
  rules: [{ kind: 'earlyStop', patience: 2 }],
} as const;

async function collect(iterable: AsyncIterable<TrainingStep>, onStep?: (s: TrainingStep) => void): Promise<TrainingStep[]> {
  const out: TrainingStep[] = [];
  for await (const item of iterable) {
    out.push(item);
    onStep?.(item);
  }
  return out;
}

describe('trainingSteps', () => {
  it('yields every update of the plan with its epoch, batch, global step and rate', async () => {
    const scheduler = createLoopScheduler(config);
    const steps = await collect(trainingSteps(scheduler, { epochs: 2, stepsPerEpoch: 3 }));
    expect(steps).toEqual(
      [0, 1, 2, 3, 4, 5].map((t) => ({
        epoch: Math.floor(t / 3),
        batch: t % 3,
        step: t,
        lr: expect.closeTo(0.1 * 0.9 ** t, 15),
        lastBatch: t % 3 === 2,
      })),
    );
    expect(scheduler.globalStep).toBe(6);
  });

  it('ends as soon as the monitor decides to stop', async () => {
    const scheduler = createLoopScheduler(config);
    const losses = [1, 1, 1, 1, 1];
    const steps = await collect(trainingSteps(scheduler, { epochs: Infinity, stepsPerEpoch: 2 }), (s) => {
      if (s.lastBatch) scheduler.report({ val_loss: losses[s.epoch]! });
    });
    // Epoch 0 sets the best; epochs 1 and 2 bring nothing: earlyStop (patience 2) after epoch 2.
    expect(steps.length).toBe(6);
    expect(scheduler.shouldStop).toBe(true);
  });

  it('a restored scheduler finishes the same plan from where it stood', async () => {
    const first = createLoopScheduler(config);
    await collect(trainingSteps(first, { epochs: 1, stepsPerEpoch: 3 }), (s) => {
      if (s.lastBatch) first.report({ val_loss: 1 });
    });
    const resumed = createLoopScheduler(config, undefined, { restore: JSON.parse(JSON.stringify(first.snapshot())) });
    const rest = await collect(trainingSteps(resumed, { epochs: 3, stepsPerEpoch: 3 }));
    expect(rest.map((s) => [s.epoch, s.step])).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 6],
      [2, 7],
      [2, 8],
    ]);
  });

  it('rejects a plan that is not a whole number of epochs and steps', async () => {
    const scheduler = createLoopScheduler(config);
    await expect(collect(trainingSteps(scheduler, { epochs: 0, stepsPerEpoch: 3 }))).rejects.toThrow(
      /epochs: must be an integer >= 1 or Infinity \(got 0\)/,
    );
    await expect(collect(trainingSteps(scheduler, { epochs: 2, stepsPerEpoch: 2.5 }))).rejects.toThrow(AnnealError);
  });

  it.each([
    [{ epochs: 2, stepsPerEpoch: 2.5 }, 'Invalid training steps options: stepsPerEpoch: must be an integer >= 1 (got 2.5)'],
    [{ epochs: Number.NaN, stepsPerEpoch: 3 }, 'Invalid training steps options: epochs: must be an integer >= 1 or Infinity (got NaN)'],
    [{ epochs: 2 }, 'Invalid training steps options: stepsPerEpoch: must be an integer >= 1 (got nothing)'],
    [{ epochs: 2, stepsPerEpoch: 3, stepPerEpoch: 3 }, 'Invalid training steps options: stepPerEpoch: is not a known option; did you mean "stepsPerEpoch"? (got 3)'],
    [null, 'Invalid training steps options: (root): must be { epochs, stepsPerEpoch } (got null)'],
  ])('names the field, the value and the rule: %o', async (options, message) => {
    const scheduler = createLoopScheduler(config);
    const failure = collect(trainingSteps(scheduler, options as never)).then(
      () => expect.unreachable(),
      (error: unknown) => error,
    );
    const error = (await failure) as AnnealError;
    expect(error).toBeInstanceOf(AnnealError);
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toBe(message);
  });
});

describe('createLoopScheduler with rules', () => {
  it('shouldStop follows the monitor, also after restoring a stopped run', () => {
    const scheduler = createLoopScheduler(config);
    for (const loss of [1, 2, 3]) {
      scheduler.step();
      scheduler.report({ val_loss: loss });
    }
    expect(scheduler.shouldStop).toBe(true);
    const restored = createLoopScheduler(config, undefined, { restore: scheduler.snapshot() });
    expect(restored.shouldStop).toBe(true);
  });

  it('a drop decision changes the rate the next step() writes', () => {
    const written: number[] = [];
    const scheduler = createLoopScheduler(
      { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 0, factor: 0.5 }] },
      (lr) => written.push(lr),
    );
    scheduler.step();
    scheduler.report({ val_loss: 1 });
    scheduler.step();
    const decisions = scheduler.report({ val_loss: 2 });
    expect(decisions.map((d) => d.type)).toEqual(['badEvaluation', 'drop']);
    expect(scheduler.step()).toBe(0.05);
    expect(written).toEqual([0.1, 0.05]);
  });
});
