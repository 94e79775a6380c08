import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import * as z from 'zod/mini';

type Dataset = Parameters<LayersModel['evaluateDataset']>[0];
/** A `tf.data.Dataset` of `{ xs, ys }` batches (typed by shape: tfjs bundles may carry their own copy of the class). */
export interface DatasetLike {
  iterator(): Promise<unknown>;
}

type ValidationData = readonly [Tensor | Tensor[], Tensor | Tensor[]] | DatasetLike;

const isValidationData = (data: unknown): boolean =>
  (Array.isArray(data) && data.length === 2) ||
  (data !== null && typeof data === 'object' && typeof (data as { iterator?: unknown }).iterator === 'function');

const batchesRule = 'must be an integer >= 1';

/** The callback's `validateEvery` option. Strict: a misspelt member names the one meant. */
export const validateEverySchema = z.strictObject(
  {
    /** Evaluate every this many batches (Lightning's `val_check_interval`). */
    batches: z.int(batchesRule).check(z.gte(1, batchesRule)),
    /** `[x, y]` tensors (as `validationData`) or a `tf.data.Dataset` of `{ xs, ys }` batches. */
    data: z.custom<ValidationData>(isValidationData, 'must be [x, y] tensors or a tf.data.Dataset'),
    /** Batch size for `[x, y]` data; default 32, as `model.evaluate`. */
    batchSize: z.optional(z.int(batchesRule).check(z.gte(1, batchesRule))),
  },
  'must be { batches, data, batchSize? }',
);

/** Evaluate every `batches` batches on `data` (Lightning's `val_check_interval`). */
export type ValidateEvery = z.output<typeof validateEverySchema>;

/**
 * Evaluates the model on the option's data and names each value as Keras names
 * validation metrics: `val_` + the model's metric name (`val_loss`, `val_acc`, ...).
 */
export async function evaluateNow(model: LayersModel, option: ValidateEvery): Promise<Record<string, number>> {
  const { data } = option;
  const result = Array.isArray(data)
    ? model.evaluate(data[0] as Tensor, data[1] as Tensor, { batchSize: option.batchSize ?? 32 })
    : await model.evaluateDataset(data as unknown as Dataset, {});
  const scalars = (Array.isArray(result) ? result : [result]) as Scalar[];
  const metrics: Record<string, number> = {};
  const names = model.metricsNames;
  const values = await Promise.all(scalars.map((scalar) => scalar.data()));
  scalars.forEach((scalar, i) => {
    metrics[`val_${names[i] ?? `metric_${i}`}`] = Number(values[i]?.[0]);
    scalar.dispose();
  });
  return metrics;
}
