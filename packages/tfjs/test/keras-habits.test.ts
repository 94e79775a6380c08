import { AnnealError } from '@anneal/core';
import { createMonitor, type ObservationInput, type MonitorConfigInput } from '@anneal/monitor';
import { annealCallback, getLearningRate } from '@anneal/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { linearModel, Metric, Recorder, samples } from './linear-model.js';
import { tf, useCpu } from './tf-cpu.js';

beforeAll(useCpu);

const [xs, ys] = samples(8);
// 8 samples, batches of 4: 2 batches per epoch.
const fitArgs = { batchSize: 4, shuffle: false, verbose: 0 as const, validationData: [xs, ys] as [tf.Tensor, tf.Tensor] };
const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});
const model = (optimizer: tf.Optimizer) => {
  const m = linearModel(optimizer);
  disposables.push(m);
  return m;
};
/** Each SGD batch's weight delta is its rate (see linear-model.ts); float32, so compared closely. */
const expectDeltas = (recorder: Recorder, rates: readonly number[]) => {
  expect(recorder.deltas).toHaveLength(rates.length);
  recorder.deltas.forEach((delta, t) => expect(delta / rates[t]!).toBeCloseTo(1, 4));
};

describe('1. the compiled optimizer’s rate is the base when the config names none', () => {
  // Keras ReduceLROnPlateau / torch ReduceLROnPlateau: start from the optimizer's lr,
  // new_lr = lr · factor after (patience+1) bad epochs in torch's count (patience 0: the first).
  const config = { metric: 'val_loss', rules: [{ kind: 'plateau', patience: 0, factor: 0.5 }] } satisfies MonitorConfigInput;

  it('a model compiled with sgd(0.05) trains at 0.05, then at 0.025 after a plateau drop', async () => {
    const m = model(tf.train.sgd(0.05));
    const callback = annealCallback(config);
    const recorder = new Recorder();
    await m.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [new Metric([1, 2, 3]), callback, recorder] });
    // Epoch 0 improves, epoch 1 is bad: drop to 0.025 from epoch 2; epoch 2 is bad: 0.0125 after.
    expectDeltas(recorder, [0.05, 0.05, 0.05, 0.05, 0.025, 0.025]);
    expect(getLearningRate(m.optimizer)).toBe(0.0125);
    expect(callback.snapshot().baseLearningRate).toBe(0.05);
  });

  it('a resumed callback keeps the recorded base instead of re-reading the rate it lowered', async () => {
    const m = model(tf.train.sgd(0.05));
    const first = annealCallback(config);
    await m.fit(xs, ys, { ...fitArgs, epochs: 2, callbacks: [new Metric([1, 2]), first] });
    expect(getLearningRate(m.optimizer)).toBe(0.025);
    const resumed = annealCallback(config, { restore: JSON.parse(JSON.stringify(first.snapshot())) });
    const recorder = new Recorder();
    await m.fit(xs, ys, { ...fitArgs, epochs: 1, callbacks: [new Metric([0.5]), resumed, recorder] });
    expectDeltas(recorder, [0.025, 0.025]); // re-reading 0.025 as the base would train at 0.0125
  });

  it('the monitor is not there before fit: an AnnealError says it takes the rate when fit begins', () => {
    expect(() => annealCallback(config).monitor).toThrow(
      /^Invalid callback: model\.optimizer: must be set before the rate is read: .*takes the optimizer's rate when fit begins .* \(got nothing\)$/,
    );
  });
});

describe('2. interval: "epoch"', () => {
  it('StepLR(step_size=2, gamma=0.5) stepped per epoch gives 0.1, 0.1, 0.05, 0.05, 0.025, 0.025 in History.history.learning_rate', async () => {
    // PyTorch torch/optim/lr_scheduler.py StepLR: lr = 0.1 · 0.5^floor(epoch / 2).
    const expected = [0.1, 0.1, 0.05, 0.05, 0.025, 0.025];
    const m = model(tf.train.sgd(1));
    const callback = annealCallback(
      { schedule: { kind: 'stepLR', initialLearningRate: 0.1, stepSize: 2, gamma: 0.5 }, metric: 'val_loss' },
      { interval: 'epoch' },
    );
    const recorder = new Recorder();
    const history = await m.fit(xs, ys, { ...fitArgs, epochs: 6, callbacks: [callback, recorder] });
    expect(history.history.learning_rate).toEqual(expected);
    // Every batch of an epoch used its epoch's rate, read back from the optimizer and from the weights.
    const perBatch = expected.flatMap((lr) => [lr, lr]);
    expect(recorder.rates).toEqual(perBatch);
    expectDeltas(recorder, perBatch);
  });
});

describe('3. learning_rate in the logs', () => {
  const halving = { schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }, metric: 'val_loss' } satisfies MonitorConfigInput;

  it('is the rate of each epoch’s last batch, a number in History (Keras 3 writes learning_rate)', async () => {
    const m = model(tf.train.sgd(1));
    const history = await m.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [annealCallback(halving)] });
    // Batches 0..5 at 0.1 · 0.5^t; epoch e's last batch is t = 2e + 1.
    expect(history.history.learning_rate).toEqual([0.1 * 0.5 ** 1, 0.1 * 0.5 ** 3, 0.1 * 0.5 ** 5]);
  });

  it('can be renamed or turned off', async () => {
    const m = model(tf.train.sgd(1));
    const renamed = await m.fit(xs, ys, { ...fitArgs, epochs: 1, callbacks: [annealCallback(halving, { learningRateLog: 'lr' })] });
    expect(renamed.history.lr).toEqual([0.05]);
    expect(renamed.history.learning_rate).toBeUndefined();
    const off = await m.fit(xs, ys, { ...fitArgs, epochs: 1, callbacks: [annealCallback(halving, { learningRateLog: false })] });
    expect(Object.keys(off.history).sort()).toEqual(['loss', 'val_loss']);
    expect(() => annealCallback(halving, { learningRateLog: '' })).toThrow(/learningRateLog: must be a non-empty string or false/);
  });
});

describe('4. a function schedule, as Keras’s LearningRateScheduler(fn)', () => {
  it('sets each batch’s rate to fn(step)', async () => {
    const m = model(tf.train.sgd(1));
    const recorder = new Recorder();
    await m.fit(xs, ys, { ...fitArgs, epochs: 2, callbacks: [annealCallback({ schedule: (t: number) => 0.1 / (1 + t), metric: 'val_loss' }), recorder] });
    expectDeltas(recorder, [0, 1, 2, 3].map((t) => 0.1 / (1 + t)));
  });

  it('a NaN rate stops fit with an AnnealError naming the step, never reaching the optimizer', async () => {
    const m = model(tf.train.sgd(0.1));
    const callback = annealCallback({ schedule: (t: number) => (t < 3 ? 0.1 : Number.NaN), metric: 'val_loss' });
    const run = m.fit(xs, ys, { ...fitArgs, epochs: 2, callbacks: [callback] });
    await expect(run).rejects.toThrow('Invalid schedule function: schedule: must return a finite number >= 0 (at step 3) (got NaN)');
    expect(getLearningRate(m.optimizer)).toBe(0.1);
  });
});

describe('5. validateEvery: evaluate every N batches (Lightning’s val_check_interval)', () => {
  it('feeds the monitor val_<metric> every N batches, and a decision takes effect from the next batch', async () => {
    const [x12, y12] = samples(12); // 3 batches of 4 per epoch
    const m = model(tf.train.sgd(1));
    // mode max on a falling loss: every evaluation after the first is bad, and patience 0 drops at once.
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'val_loss', mode: 'max', rules: [{ kind: 'plateau', patience: 0, factor: 0.5 }] });
    const observe = vi.spyOn(monitor, 'observe');
    const recorder = new Recorder();
    const callback = annealCallback(monitor, { validateEvery: { batches: 2, data: [xs, ys] } });
    await m.fit(x12, y12, { batchSize: 4, shuffle: false, verbose: 0, epochs: 2, callbacks: [callback, recorder] });
    const seen = observe.mock.calls.map(([o]: [ObservationInput]) => [o.step, o.epoch, Object.keys(o.metrics)]);
    expect(seen).toEqual([
      [2, 0, ['val_loss']],
      [4, 1, ['val_loss']],
      [6, 1, ['val_loss']],
    ]);
    // Steps 0–3 at 0.1; the drop at the evaluation after step 4 (index 3) applies from step 4; again after step 6.
    expectDeltas(recorder, [0.1, 0.1, 0.1, 0.1, 0.05, 0.05]);
    expect(callback.epoch).toBe(2);
  });

  it('works with a tf.data dataset and refuses a bad option', async () => {
    const m = model(tf.train.sgd(0.1));
    const data = tf.data.zip({ xs: tf.data.array([[1], [1]]), ys: tf.data.array([[1000], [1000]]) }).batch(2);
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'val_loss' });
    const observe = vi.spyOn(monitor, 'observe');
    await m.fit(xs, ys, { batchSize: 4, verbose: 0, epochs: 1, callbacks: [annealCallback(monitor, { validateEvery: { batches: 1, data } })] });
    expect(observe.mock.calls.map(([o]: [ObservationInput]) => o.metrics.val_loss)).toEqual([
      expect.closeTo(1000 - 0.1, 3),
      expect.closeTo(1000 - 0.2, 3),
    ]);
    expect(() => annealCallback(monitor, { validateEvery: { batches: 0, data } })).toThrow(AnnealError);
    expect(() => annealCallback(monitor, { validateEvery: { batches: 2, data: 'x' as never } })).toThrow(
      'Invalid callback options: validateEvery.data: must be [x, y] tensors or a tf.data.Dataset (got "x")',
    );
  });
});
