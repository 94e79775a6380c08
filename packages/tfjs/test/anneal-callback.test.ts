import { AnnealError } from '@anneal/core';
import { createMonitor, type Decision } from '@anneal/monitor';
import { annealCallback, getLearningRate } from '@anneal/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Recorder as BatchRecorder, kernel, linearModel, Metric } from './linear-model.js';
import { tf, useCpu } from './tf-cpu.js';

beforeAll(useCpu);

// The model (./linear-model.ts): y = w·x, one weight, w starting at 0, trained with mean
// absolute error on x = 1, y = 1000. While w < 1000 the gradient of |w − 1000| is exactly
// −1, so each batch moves w by exactly the rate for SGD, and by lr·1/(1+ε) for Adam (its
// bias-corrected moments are m̂ = g, v̂ = g² for a constant g; tfjs adam_optimizer.ts).
// A weight delta therefore shows the rate the optimizer really used.

const xs = tf.ones([8, 1]);
const ys = tf.fill([8, 1], 1000);
// 8 samples, batches of 4: 2 batches (global steps) per epoch.
const fitArgs = { batchSize: 4, shuffle: false, verbose: 0 as const, validationData: [xs, ys] as [tf.Tensor, tf.Tensor] };

/** Records, after the anneal callback has run, what each batch and epoch left behind. */
class Recorder extends BatchRecorder {
  readonly epochKernels: number[] = [];
  readonly epochTensors: number[] = [];
  override async onEpochEnd() {
    this.epochKernels.push(kernel(this.model));
    this.epochTensors.push(tf.memory().numTensors);
  }
}

// TensorFlow learning_rate_decay.py exponential_decay: lr(t) = 0.1 · 0.5^(t / 1).
const halving = {
  schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 },
  metric: 'val_loss',
} as const;
const halvingAt = (t: number) => 0.1 * 0.5 ** t;

const disposables: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

describe('annealCallback in model.fit', () => {
  it.each([
    ['SGD', () => tf.train.sgd(1), 1],
    ['Adam', () => tf.train.adam(1), 1 / (1 + 1e-7)],
  ] as const)(
    '%s: each batch moves the weight by the rate of its global step, across epochs and fit calls',
    async (_name, optimizer, gain) => {
      const model = linearModel(optimizer());
      disposables.push(model);
      const callback = annealCallback(halving);
      const recorder = new Recorder();
      await model.fit(xs, ys, { ...fitArgs, epochs: 2, callbacks: [callback, recorder] });
      await model.fit(xs, ys, { ...fitArgs, epochs: 2, callbacks: [callback, recorder] });
      const expected = Array.from({ length: 8 }, (_, t) => halvingAt(t));
      // The optimizer was built with rate 1: without the callback every delta would be 1.
      expect(recorder.rates).toEqual(expected);
      // float32 arithmetic: compare relative to the rate.
      recorder.deltas.forEach((delta, t) => expect(delta / expected[t]!).toBeCloseTo(gain, 4));
      expect(callback.globalStep).toBe(8);
      expect(callback.epoch).toBe(4);
      // Between epochs and after fit the optimizer already holds the next step's rate.
      expect(getLearningRate(model.optimizer)).toBe(halvingAt(8));
    },
  );

  it('feeds { step, epoch, metrics } with the Tensor logs read as numbers, and History still gets numbers', async () => {
    const model = linearModel(tf.train.sgd(0.5));
    disposables.push(model);
    const monitor = createMonitor(halving);
    const observe = vi.spyOn(monitor, 'observe');
    const history = await model.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [annealCallback(monitor)] });
    expect(observe.mock.calls.map(([o]) => [o.step, o.epoch, Object.keys(o.metrics).sort()])).toEqual([
      [2, 0, ['loss', 'val_loss']],
      [4, 1, ['loss', 'val_loss']],
      [6, 2, ['loss', 'val_loss']],
    ]);
    const observed = observe.mock.calls.map(([o]) => o.metrics.val_loss);
    expect(history.history.val_loss).toEqual(observed);
    // val_loss = |w − 1000| with w after 2, 4, 6 updates of rate 0.1·0.5^t.
    const w = (n: number) => Array.from({ length: n }, (_, t) => halvingAt(t)).reduce((a, b) => a + b, 0);
    expect(observed[2]).toBeCloseTo(1000 - w(6), 3);
  });

  it('a constructed plateau drops the rate at the epoch of the (patience+1)-th bad evaluation', async () => {
    const model = linearModel(tf.train.sgd(1));
    disposables.push(model);
    const lines: string[] = [];
    const callback = annealCallback(
      { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 2, factor: 0.1 }] },
      { verbose: true, log: (line) => lines.push(line) },
    );
    const recorder = new Recorder();
    // Improves at epochs 0 and 1; epochs 2, 3, 4 are bad: torch counting drops at epoch 4.
    const values = [1, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95];
    await model.fit(xs, ys, { ...fitArgs, epochs: 7, callbacks: [new Metric(values), callback, recorder] });
    const perEpoch = (epoch: number) => recorder.rates.slice(2 * epoch, 2 * epoch + 2);
    expect(perEpoch(4)).toEqual([0.1, 0.1]);
    expect(perEpoch(5)).toEqual([expect.closeTo(0.01, 15), expect.closeTo(0.01, 15)]);
    expect(recorder.deltas[10]).toBeCloseTo(0.01, 5);
    expect(lines[0]).toMatch(/^Epoch 5: plateau — reducing learning rate 1\.0e-1 → 1\.0e-2 \(3 evaluations without improvement/);
  });

  it('a greedy raise is printed with verbose, as a drop is', async () => {
    const model = linearModel(tf.train.sgd(1));
    disposables.push(model);
    const lines: string[] = [];
    const callback = annealCallback(
      { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'greedy', patience: 1, factor: 0.5 }] },
      { verbose: true, log: (line) => lines.push(line) },
    );
    // GreedyLR raises by 1/factor once good > patience: the 2nd improvement in a row (epoch index 1).
    await model.fit(xs, ys, { ...fitArgs, epochs: 2, callbacks: [new Metric([1, 0.9]), callback] });
    expect(lines).toEqual(['Epoch 2: greedy — increasing learning rate 1.0e-1 → 2.0e-1 (2 improvements in a row; best 0.9000)']);
  });

  it('a stop decision ends fit after that epoch', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const callback = annealCallback({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'earlyStop', patience: 2 }] });
    const values = [1, 0.9, 0.9, 0.9, 0.8, 0.7, 0.6, 0.5];
    const history = await model.fit(xs, ys, { ...fitArgs, epochs: 8, callbacks: [new Metric(values), callback] });
    // Epochs 2 and 3 bring no improvement: stop after epoch 3, the 4th of 8.
    expect(history.epoch).toEqual([0, 1, 2, 3]);
    expect(callback.shouldStop).toBe(true);
    expect(callback.globalStep).toBe(8);
    // A later fit with the stopped callback ends after its first batch (fit checks the
    // flag only after a batch).
    const again = await model.fit(xs, ys, { ...fitArgs, epochs: 8, callbacks: [callback] });
    expect(again.epoch).toEqual([0]);
    expect(callback.globalStep).toBe(9);
  });

  it('hands every decision to onDecision with its epoch and step', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const seen: Array<[Decision['type'], number, number]> = [];
    const callback = annealCallback(
      { initialLearningRate: 0.1, metric: 'val_loss' },
      { onDecision: (decision, { epoch, step }) => seen.push([decision.type, epoch, step]) },
    );
    await model.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [new Metric([3, 2, 2.5]), callback] });
    expect(seen).toEqual([
      ['improve', 0, 2],
      ['improve', 1, 4],
      ['badEvaluation', 2, 6],
    ]);
  });

  it('explains a missing val_ metric: fit got no validation data', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const run = model.fit(xs, ys, { batchSize: 4, epochs: 1, verbose: 0, callbacks: [annealCallback(halving)] });
    await expect(run).rejects.toThrow(/metrics\.val_loss.*pass validationData or validationSplit to fit/s);
    // The monitor's own error is kept as the cause, and the hint is in the issue's rule.
    const error = (await run.catch((e: unknown) => e)) as AnnealError;
    expect(error.code).toBe('INVALID_OBSERVATION');
    expect(error.path).toBe('metrics.val_loss');
    expect(error.message).toMatch(/^Invalid observation: metrics\.val_loss: .*; the logs have no validation metrics: .*validateEvery \(got nothing\)$/s);
    expect(AnnealError.is(error.cause)).toBe(true);
    expect((error.cause as AnnealError).message).not.toMatch(/validationData/);
  });

  it('rejects an unknown restoreBestWeights mode', () => {
    expect(() => annealCallback(halving, { restoreBestWeights: 'always' as never })).toThrow(AnnealError);
  });

  it.each([
    [{ restoreBestWeights: 'always' }, 'restoreBestWeights: must be false, "onDrop" or "onEnd" (got "always")'],
    [{ restoreBestWeights: true }, 'restoreBestWeights: must be false, "onDrop" or "onEnd" (got true)'],
    [{ learningRateLog: 7 }, 'learningRateLog: must be a non-empty string or false (got 7)'],
    [{ verbose: 1 }, 'verbose: must be a boolean (got 1)'],
    [{ log: 'console' }, 'log: must be a function (line) => void (got "console")'],
    [{ onDecision: {} }, 'onDecision: must be a function (decision, context) => void (got {})'],
    [{ validateEvery: { batches: 1.5, data: [xs, ys] } }, 'validateEvery.batches: must be an integer >= 1 (got 1.5)'],
    [{ validateEvery: { batches: 2, data: [xs, ys], batchSize: 0 } }, 'validateEvery.batchSize: must be an integer >= 1 (got 0)'],
    [{ restoreBestWeight: 'onEnd' }, 'restoreBestWeight: is not a known option; did you mean "restoreBestWeights"? (got "onEnd")'],
    [{ restore_best_weights: 'onEnd' }, 'restore_best_weights: is not a known option; did you mean "restoreBestWeights"? (got "onEnd")'],
    [{ validateEvery: { batches: 2, data: [xs, ys], batch_size: 8 } }, 'validateEvery.batch_size: is not a known option; did you mean "batchSize"? (got 8)'],
  ])('names the field, the value and the rule of a bad option: %o', (options, issue) => {
    expect(() => annealCallback(halving, options as never)).toThrow(`Invalid callback options: ${issue}`);
  });

  it('passes the loop scheduler’s options on to it, checked there', () => {
    expect(() => annealCallback(halving, { interval: 'step' as never })).toThrow(
      'Invalid scheduler options: interval: must be "batch" or "epoch" (got "step")',
    );
  });
});

describe('annealCallback in model.fitDataset', () => {
  // The same 8 samples as a tf.data dataset in batches of 4: 2 global steps per epoch,
  // with a validation dataset, so fitDataset hands the callback Tensor val_loss logs.
  const dataset = () => tf.data.zip({ xs: tf.data.array([1, 1, 1, 1, 1, 1, 1, 1].map((x) => [x])), ys: tf.data.array(Array.from({ length: 8 }, () => [1000])) }).batch(4);

  it.each([
    ['SGD', () => tf.train.sgd(1), 1],
    ['Adam', () => tf.train.adam(1), 1 / (1 + 1e-7)],
  ] as const)(
    '%s: each dataset batch moves the weight by the rate of its global step, across epochs and fitDataset calls',
    async (_name, optimizer, gain) => {
      const model = linearModel(optimizer());
      disposables.push(model);
      const monitor = createMonitor(halving);
      const observe = vi.spyOn(monitor, 'observe');
      const callback = annealCallback(monitor);
      const recorder = new Recorder();
      const args = { epochs: 2, verbose: 0 as const, validationData: dataset(), callbacks: [callback, recorder] };
      const first = await model.fitDataset(dataset(), args);
      const second = await model.fitDataset(dataset(), args);
      const expected = Array.from({ length: 8 }, (_, t) => halvingAt(t));
      expect(recorder.rates).toEqual(expected);
      recorder.deltas.forEach((delta, t) => expect(delta / expected[t]!).toBeCloseTo(gain, 4));
      expect(callback.globalStep).toBe(8);
      expect(callback.epoch).toBe(4);
      // One observation per epoch at the global step, with fitDataset's Tensor logs read as numbers.
      expect(observe.mock.calls.map(([o]) => [o.step, o.epoch, Object.keys(o.metrics).sort()])).toEqual([
        [2, 0, ['loss', 'val_loss']],
        [4, 1, ['loss', 'val_loss']],
        [6, 2, ['loss', 'val_loss']],
        [8, 3, ['loss', 'val_loss']],
      ]);
      const observed = observe.mock.calls.map(([o]) => o.metrics.val_loss);
      observed.forEach((value) => expect(typeof value).toBe('number'));
      // val_loss = |w − 1000| after the epoch's updates.
      expect(observed[3]).toBeCloseTo(1000 - recorder.epochKernels[3]!, 3);
      expect([...first.history.val_loss!, ...second.history.val_loss!]).toEqual(observed);
      // The tensor count is the same at the end of every epoch: the logs were disposed.
      expect(new Set(recorder.epochTensors.slice(1)).size).toBe(1);
      expect(callback.snapshot().step).toBe(8);
    },
  );

  it('a stop decision ends fitDataset after that epoch', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const callback = annealCallback({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'earlyStop', patience: 1 }] });
    const values = [1, 1, 0.5, 0.4, 0.3];
    const history = await model.fitDataset(dataset(), {
      epochs: 5,
      verbose: 0,
      validationData: dataset(),
      callbacks: [new Metric(values), callback],
    });
    // Epoch 1 brings no improvement: earlyStop (patience 1) stops after it.
    expect(history.epoch).toEqual([0, 1]);
    expect(callback.shouldStop).toBe(true);
  });
});

describe('restoreBestWeights', () => {
  // The weight only grows (rate > 0, gradient −1), so a constructed val_loss decides
  // which epoch was best, and the kernel value names the epoch it came from.
  const values = [5, 4, 3, 3.5, 3.6, 3.7, 3.8, 3.9];

  it('"onEnd" writes the best epoch’s weights back when fit ends', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const callback = annealCallback({ initialLearningRate: 0.1, metric: 'val_loss' }, { restoreBestWeights: 'onEnd' });
    disposables.push(callback);
    const recorder = new Recorder();
    await model.fit(xs, ys, { ...fitArgs, epochs: 8, callbacks: [new Metric(values), callback, recorder] });
    expect(callback.bestEpoch).toBe(2);
    expect(kernel(model)).toBe(recorder.epochKernels[2]);
    expect(recorder.epochKernels[7]).toBeGreaterThan(recorder.epochKernels[2]!);
  });

  it('"onEnd" prints a restore line only when the best epoch is not the last one', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const lines: string[] = [];
    const options = { restoreBestWeights: 'onEnd', verbose: true, log: (line: string) => lines.push(line) } as const;
    const improving = annealCallback({ initialLearningRate: 0.1, metric: 'val_loss' }, options);
    disposables.push(improving);
    await model.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [new Metric([3, 2, 1]), improving] });
    expect(improving.bestEpoch).toBe(2);
    expect(lines).toEqual([]);
    const worsening = annealCallback({ initialLearningRate: 0.1, metric: 'val_loss' }, options);
    disposables.push(worsening);
    await model.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [new Metric([1, 2, 3]), worsening] });
    expect(lines).toEqual(['Epoch 3: restoring the weights of epoch 1 (the best)']);
  });

  it('"onDrop" continues from the best epoch’s weights after a drop', async () => {
    const model = linearModel(tf.train.sgd(0.1));
    disposables.push(model);
    const lines: string[] = [];
    const callback = annealCallback(
      { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 1, factor: 0.5 }] },
      { restoreBestWeights: 'onDrop', verbose: true, log: (line) => lines.push(line) },
    );
    disposables.push(callback);
    const recorder = new Recorder();
    await model.fit(xs, ys, { ...fitArgs, epochs: 6, callbacks: [new Metric(values), callback, recorder] });
    // Epochs 3 and 4 are bad: the drop comes at epoch 4, which then ends on epoch 2's weights,
    // and epoch 5 trains two batches at half the rate from there.
    expect(recorder.epochKernels[4]).toBe(recorder.epochKernels[2]);
    expect(recorder.epochKernels[5]! - recorder.epochKernels[2]!).toBeCloseTo(2 * 0.05, 5);
    expect(lines[0]).toMatch(/^Epoch 5: plateau — reducing learning rate 1\.0e-1 → 5\.0e-2 \(2 evaluations without improvement/);
    expect(lines[1]).toBe('Epoch 5: restoring the weights of epoch 3 (the best)');
  });

  it('keeps one copy: the tensor count stays flat across epochs, and dispose() frees it', async () => {
    const model = linearModel(tf.train.adam(0.01));
    disposables.push(model);
    const callback = annealCallback({ initialLearningRate: 0.01, metric: 'val_loss' }, { restoreBestWeights: 'onEnd' });
    const recorder = new Recorder();
    // Every epoch improves, so every epoch replaces the saved copy.
    const improving = Array.from({ length: 12 }, (_, i) => 10 - i);
    await model.fit(xs, ys, { ...fitArgs, epochs: 12, callbacks: [new Metric(improving), callback, recorder] });
    expect(callback.bestEpoch).toBe(11);
    // Adam creates its moment variables on the first batch; from then on nothing may grow.
    expect(new Set(recorder.epochTensors.slice(1)).size).toBe(1);
    const before = tf.memory().numTensors;
    callback.dispose();
    expect(tf.memory().numTensors).toBe(before - model.getWeights().length);
  });

  it('"onDrop": saving and restoring in turn, epoch after epoch, leaves the tensor count flat', async () => {
    const model = linearModel(tf.train.adam(0.01));
    disposables.push(model);
    const callback = annealCallback(
      { initialLearningRate: 0.01, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 0, factor: 0.9 }] },
      { restoreBestWeights: 'onDrop' },
    );
    disposables.push(callback);
    const drift: number[] = []; // bad epoch's end weight − best epoch's weight
    const recorder = new Recorder();
    // Improve, worsen, improve, ...: a save and a drop with a restore in turn.
    const zigzag = Array.from({ length: 12 }, (_, i) => 10 - i / 2 + (i % 2));
    await model.fit(xs, ys, {
      ...fitArgs,
      epochs: 12,
      callbacks: [new Metric(zigzag), callback, recorder],
    });
    recorder.epochKernels.forEach((k, epoch) => {
      if (epoch % 2 === 1) drift.push(k - recorder.epochKernels[epoch - 1]!);
    });
    expect(drift).toEqual(Array.from({ length: 6 }, () => 0)); // every bad epoch ended on the best weights
    expect(new Set(recorder.epochTensors.slice(1)).size).toBe(1);
  });
});

describe('snapshot', () => {
  it('a callback restored from a JSON snapshot continues the global step and the monitor', async () => {
    const config = { ...halving, rules: [{ kind: 'plateau', patience: 1 }] } as const;
    const values = [3, 2, 2.5, 2.6, 2.7, 2.8];
    const whole = linearModel(tf.train.sgd(1));
    const split = linearModel(tf.train.sgd(1));
    disposables.push(whole, split);
    const wholeRecorder = new Recorder();
    const uninterrupted = annealCallback(config);
    await whole.fit(xs, ys, { ...fitArgs, epochs: 6, callbacks: [new Metric(values), uninterrupted, wholeRecorder] });

    const first = annealCallback(config);
    const splitRecorder = new Recorder();
    await split.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [new Metric(values), first, splitRecorder] });
    const saved = JSON.parse(JSON.stringify(first.snapshot()));
    expect(saved.step).toBe(6);
    const resumed = annealCallback(config, { restore: saved });
    await split.fit(xs, ys, { ...fitArgs, epochs: 3, callbacks: [new Metric(values.slice(3)), resumed, splitRecorder] });
    expect(splitRecorder.rates).toEqual(wholeRecorder.rates);
    expect(splitRecorder.rates.slice(8)).not.toEqual(wholeRecorder.rates.slice(0, 4)); // the steps went on, not from 0
    expect(resumed.monitor.state).toEqual(uninterrupted.monitor.state);
    expect(kernel(split)).toBe(kernel(whole));
  });

  it('rejects a snapshot whose step is not a count', () => {
    expect(() => annealCallback(halving, { restore: { version: 1, step: 1.5, epoch: 0, monitor: {} } })).toThrow(
      /Invalid loop snapshot: step: must be an integer >= 0 \(got 1.5\)/,
    );
  });
});
