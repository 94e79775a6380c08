import { AnnealError, optionSchemas, parseOrThrow, uniformAt } from '@anneal/core';
import { findLearningRate as rangeTest, type RangeTestResult, rangeTestOptionsSchema } from '@anneal/loop';
import { dispose, gather, slice, type Tensor, type TensorContainer, tensor1d, tidy } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import * as z from 'zod/mini';
import { setLearningRate } from './optimizer-rate.js';
import { saveTrainingState } from './training-state.js';

/** The range test's options, plus how tensors are cut into batches. */
export const findLearningRateOptionsSchema = z.safeExtend(rangeTestOptionsSchema, {
  /** Rows per batch when the data are tensors (a dataset brings its own batches). */
  batchSize: z._default(optionSchemas.positiveInt(), 32),
  /** Draw the rows in a new random order each pass over the data (and each run). */
  shuffle: z._default(z.boolean(), true),
  /** Seed of that order: the same seed gives the same batches. */
  seed: z._default(z.number().check(z.int('must be an integer')), 0),
});

export type FindLearningRateOptions = z.input<typeof findLearningRateOptionsSchema>;

/** What `model.fitDataset` takes: a dataset of `{ xs, ys }` batches. */
export interface BatchDataset {
  iterator(): Promise<{ next(): Promise<IteratorResult<TensorContainer>> }>;
}

type Inputs = Tensor | Tensor[];
type Batch = { xs: Inputs | Record<string, Tensor>; ys: Inputs | Record<string, Tensor> };

const invalid = (path: string, value: unknown, rule: string) => new AnnealError('INVALID_OPTIONS', { subject: 'range test', issues: [{ path, value, rule }] });

const isDataset = (value: unknown): value is BatchDataset =>
  typeof value === 'object' && value !== null && typeof (value as BatchDataset).iterator === 'function';

const asList = (value: Inputs): Tensor[] => (Array.isArray(value) ? value : [value]);

function rowsOf(x: Inputs, y: Inputs): number {
  const all = [...asList(x), ...asList(y)];
  const rows = all[0]?.shape[0];
  if (rows === undefined || rows < 1 || all.some((t) => t?.shape?.[0] !== rows)) {
    throw invalid('x', all.map((t) => t?.shape), 'must be tensors with as many rows (>= 1) as y (the shapes of x and y shown)');
  }
  return rows;
}

/** Fisher–Yates from core's counter-based generator: a pure function of (seed, run, pass). */
function permutation(n: number, seed: number, run: number, pass: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let j = n - 1; j > 0; j--) {
    const k = Math.floor(uniformAt(seed, pass * n + j, run) * (j + 1));
    [order[j], order[k]] = [order[k] as number, order[j] as number];
  }
  return order;
}

/** Batch i of run r, cycling through the data: full batches only (fastai drops the ragged last one). */
function tensorBatches(x: Inputs, y: Inputs, batchSize: number, shuffle: boolean, seed: number) {
  const rows = rowsOf(x, y);
  const size = Math.min(batchSize, rows);
  const perPass = Math.floor(rows / size);
  let cached: { run: number; pass: number; order: number[] } | null = null;
  return (run: number, iteration: number): Batch => {
    const pass = Math.floor(iteration / perPass);
    const start = (iteration % perPass) * size;
    if (!shuffle) {
      const take = (t: Tensor) => slice(t, start, size);
      return { xs: Array.isArray(x) ? x.map(take) : take(x), ys: Array.isArray(y) ? y.map(take) : take(y) };
    }
    if (cached === null || cached.run !== run || cached.pass !== pass) cached = { run, pass, order: permutation(rows, seed, run, pass) };
    const rowsOfBatch = cached.order.slice(start, start + size);
    return tidy(() => {
      const indices = tensor1d(rowsOfBatch, 'int32');
      const take = (t: Tensor) => gather(t, indices);
      return { xs: Array.isArray(x) ? x.map(take) : take(x), ys: Array.isArray(y) ? y.map(take) : take(y) };
    });
  };
}

/** Batches from a dataset, cycling: a new pass (`iterator()`, reshuffled if the dataset shuffles) whenever one ends. */
function datasetBatches(dataset: BatchDataset) {
  let iterator: Awaited<ReturnType<BatchDataset['iterator']>> | null = null;
  let run = -1;
  return async (r: number): Promise<Batch> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (iterator === null || run !== r) {
        iterator = await dataset.iterator();
        run = r;
      }
      const next = await iterator.next();
      if (!next.done && next.value != null) {
        const batch = next.value as Partial<Batch>;
        if (batch.xs == null || batch.ys == null) {
          dispose(next.value);
          throw invalid('dataset', Object.keys(batch), 'must yield { xs, ys } batches, as model.fitDataset takes (the keys of a batch shown)');
        }
        return batch as Batch;
      }
      iterator = null;
    }
    throw invalid('dataset', dataset, 'must yield at least one batch');
  };
}

/**
 * The learning-rate range test for a compiled TensorFlow.js model (fastai's `lr_find`):
 * trains batch after batch with `trainOnBatch` while the optimizer's rate grows from
 * `startLr` to `endLr`, records the loss and its smoothed curve, stops when it diverges,
 * and suggests a starting rate by fastai's four methods (`suggestions.valley` is fastai's
 * default). Batches cycle through the data as needed; nothing is validated.
 *
 * Afterwards the model and its optimizer are exactly as before, bit for bit: every
 * weight (batch-norm statistics too), the optimizer's iteration count, slots (Adam's
 * moments, momentum accumulators) and rate; no tensor is left behind.
 *
 * Options: the range test's (`startLr` 1e-7, `endLr` 10, `numIter` 100, `stepMode`
 * `'exp'`, `beta` 0.98, `divergeThreshold` 4, `runs` 1; see @anneal/loop) and, for
 * tensors, `batchSize` 32, `shuffle` true, `seed` 0. With `runs: k` each run draws its
 * batches in another order (a dataset is iterated afresh) and the suggestions are medians.
 *
 * @example
 * model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
 * const result = await findLearningRate(model, xs, ys, { numIter: 100, runs: 3 });
 * result.suggestions.valley; // a starting rate, e.g. 0.003
 */
export async function findLearningRate(model: LayersModel, x: Inputs, y: Inputs, options?: FindLearningRateOptions): Promise<RangeTestResult>;
export async function findLearningRate(model: LayersModel, dataset: BatchDataset, options?: FindLearningRateOptions): Promise<RangeTestResult>;
export async function findLearningRate(
  model: LayersModel,
  data: Inputs | BatchDataset,
  yOrOptions?: Inputs | FindLearningRateOptions,
  maybeOptions?: FindLearningRateOptions,
): Promise<RangeTestResult> {
  if (model === null || typeof model !== 'object' || typeof (model as LayersModel).trainOnBatch !== 'function') {
    throw invalid('model', model, 'must be a tf.LayersModel');
  }
  if (model.optimizer == null) throw invalid('model.optimizer', model.optimizer, 'must be set: compile the model (model.compile({ optimizer, loss })) first');
  const fromDataset = isDataset(data);
  const options = parseOrThrow(findLearningRateOptionsSchema, (fromDataset ? yOrOptions : maybeOptions) ?? {}, 'range test options');
  const { batchSize, shuffle, seed, ...testOptions } = options;
  const next = fromDataset ? datasetBatches(data) : tensorBatches(data, yOrOptions as Inputs, batchSize, shuffle, seed);
  const optimizer = model.optimizer;
  const state = saveTrainingState(model);
  try {
    const result = await rangeTest(
      {
        step: async (lr, { run, iteration }) => {
          setLearningRate(optimizer, lr);
          const batch = await next(run, iteration);
          try {
            const out = await model.trainOnBatch(batch.xs as Inputs, batch.ys as Inputs);
            return Array.isArray(out) ? (out[0] as number) : out;
          } finally {
            dispose(batch as unknown as TensorContainer);
          }
        },
        restore: () => state.restore(),
      },
      testOptions,
    );
    return { ...result, options };
  } finally {
    state.dispose();
  }
}
