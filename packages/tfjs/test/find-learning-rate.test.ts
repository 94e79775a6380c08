import { AnnealError, suggestLearningRate } from '@anneal/core';
import { findLearningRate, getLearningRate } from '@anneal/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from './tf-cpu.js';

beforeAll(useCpu);

// A small model with batch normalisation (moving mean and variance: non-trainable
// variables that training changes) and seeded weights, on 96 rows of 4 features, 3 classes.
function buildModel(optimizer: tf.Optimizer): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 8, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.batchNormalization(),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return model;
}

function data(): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => {
    const xs = tf.randomNormal([96, 4], 0, 1, 'float32', 7);
    const labels = xs.sum(1).greater(0).cast('int32').add(xs.slice([0, 0], [-1, 1]).reshape([96]).greater(1).cast('int32'));
    return { xs, ys: tf.oneHot(labels as tf.Tensor1D, 3).cast('float32') };
  });
}

const optimizers: Record<string, () => tf.Optimizer> = {
  adam: () => tf.train.adam(1e-3),
  'SGD with momentum': () => tf.train.momentum(1e-2, 0.9),
  sgd: () => tf.train.sgd(1e-2),
};

/** Every variable the engine knows (model weights and optimizer slots alike), as bytes. */
async function allVariables(): Promise<Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>> {
  const out = new Map<string, { dtype: string; shape: number[]; bytes: Uint8Array }>();
  for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) {
    const values = await variable.data();
    out.set(name, { dtype: variable.dtype, shape: variable.shape, bytes: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) });
  }
  return out;
}

/** Everything the range test must leave as it found it. */
async function fingerprint(model: tf.LayersModel) {
  const optimizer = model.optimizer;
  return {
    variables: await allVariables(),
    iterations: optimizer.iterations,
    lr: getLearningRate(optimizer),
    tensors: tf.memory().numTensors,
    config: JSON.stringify(optimizer.getConfig()),
    weights: model.weights.length,
  };
}

describe('findLearningRate (tfjs): the model and optimizer are put back bit for bit', () => {
  for (const [name, make] of Object.entries(optimizers)) {
    for (const trainedBefore of [true, false]) {
      it(`${name}, ${trainedBefore ? 'after 2 batches of training' : 'never trained (no slots yet)'}: every variable’s bytes, iterations, rate, no leak`, async () => {
        const { xs, ys } = data();
        const model = buildModel(make());
        if (trainedBefore) for (let i = 0; i < 2; i++) await model.trainOnBatch(xs.slice(i * 32, 32), ys.slice(i * 32, 32));
        const before = await fingerprint(model);
        const result = await findLearningRate(model, xs, ys, { numIter: 12, runs: 2 });
        expect(result.lrs.length).toBeGreaterThan(5); // it did train
        const after = await fingerprint(model);
        expect([...after.variables.keys()]).toEqual([...before.variables.keys()]);
        for (const [key, value] of before.variables) expect(after.variables.get(key), key).toEqual(value);
        expect(after.iterations).toBe(before.iterations);
        expect(after.lr).toBe(before.lr);
        expect(after.config).toBe(before.config);
        expect(after.tensors).toBe(before.tensors);
        model.dispose();
        tf.dispose([xs, ys]);
      });
    }

    it(`${name}: training after the range test gives the very bytes of training without it`, async () => {
      const { xs, ys } = data();
      const [tested, untouched] = [buildModel(make()), buildModel(make())];
      for (const model of [tested, untouched]) await model.trainOnBatch(xs.slice(0, 32), ys.slice(0, 32));
      await findLearningRate(tested, xs, ys, { numIter: 12 });
      for (const model of [tested, untouched]) for (let i = 0; i < 3; i++) await model.trainOnBatch(xs.slice(i * 32, 32), ys.slice(i * 32, 32));
      const bytes = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(new Uint8Array(w.dataSync().buffer)));
      expect(bytes(tested)).toEqual(bytes(untouched));
      tested.dispose();
      untouched.dispose();
      tf.dispose([xs, ys]);
    });
  }

  it('puts everything back after a failing batch too, and rethrows', async () => {
    const { xs } = data();
    const wrong = tf.zeros([96, 5]); // 5 classes for a 3-class model: trainOnBatch throws
    const model = buildModel(tf.train.adam(1e-3));
    await model.trainOnBatch(xs.slice(0, 32), tf.oneHot(tf.zeros([32], 'int32'), 3));
    const before = await fingerprint(model);
    await expect(findLearningRate(model, xs, wrong, { numIter: 10 })).rejects.toThrow();
    const after = await fingerprint(model);
    expect(after.variables).toEqual(before.variables);
    expect(after.tensors).toBe(before.tensors);
    model.dispose();
    tf.dispose([xs, wrong]);
  });
});

describe('findLearningRate (tfjs): the test', () => {
  it('grows the rate from startLr as fastai does, records raw and smoothed losses, and suggests from them', async () => {
    const { xs, ys } = data();
    const model = buildModel(tf.train.adam(1e-3));
    const result = await findLearningRate(model, xs, ys, { batchSize: 16 });
    // fastai SchedExp: batch i trains at 1e-7 · (10 / 1e-7)^(i / 100).
    result.lrs.forEach((lr, i) => expect(lr).toBe(1e-7 * (10 / 1e-7) ** (i / 100)));
    expect(result.losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
    expect(result.suggestions.valley).toBe(suggestLearningRate({ lrs: result.lrs, losses: result.smoothedLosses }, 'valley', { numIter: 100 }));
    expect(result.options).toMatchObject({ batchSize: 16, shuffle: true, seed: 0, numIter: 100, beta: 0.98 });
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('draws the same batches for the same seed, and other batches for another seed', async () => {
    const { xs, ys } = data();
    const model = buildModel(tf.train.sgd(1e-2));
    const run = (seed: number) => findLearningRate(model, xs, ys, { numIter: 12, seed, divergeThreshold: null });
    const [a, b, c] = [await run(1), await run(1), await run(2)];
    expect(b.losses).toEqual(a.losses);
    expect(c.losses).not.toEqual(a.losses);
    // Unshuffled, the rows come in order: batch i is rows 32i..32i+31 of each pass, whatever the seed.
    const inOrder = (seed: number) => findLearningRate(model, xs, ys, { numIter: 8, seed, shuffle: false, divergeThreshold: null });
    expect((await inOrder(1)).losses).toEqual((await inOrder(2)).losses);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('takes a dataset of { xs, ys } batches, cycling through it, without leaking its tensors', async () => {
    const { xs, ys } = data();
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(xs)), ys: tf.data.array(tf.unstack(ys)) }).batch(32); // 3 batches a pass
    const model = buildModel(tf.train.adam(1e-3));
    const tensors = tf.memory().numTensors;
    const result = await findLearningRate(model, dataset, { numIter: 10, divergeThreshold: null });
    expect(result.lrs).toHaveLength(10);
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('refuses an uncompiled model, x and y of different lengths, and a misspelt option', async () => {
    const { xs, ys } = data();
    const raw = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3 })] });
    const model = buildModel(tf.train.sgd(0.1));
    const message = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AnnealError ? e.message : e));
    expect(await message(findLearningRate(raw, xs, ys))).toBe(
      'Invalid range test: model.optimizer: must be set: compile the model (model.compile({ optimizer, loss })) first (got nothing)',
    );
    expect(await message(findLearningRate(model, xs, ys.slice(0, 10)))).toBe(
      'Invalid range test: x: must be tensors with as many rows (>= 1) as y (the shapes of x and y shown) (got [[96,4],[10,3]])',
    );
    expect(await message(findLearningRate(model, xs, ys, { batchsize: 8 } as never))).toBe(
      'Invalid range test options: batchsize: is not a known option; did you mean "batchSize"? (got 8)',
    );
    raw.dispose();
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
