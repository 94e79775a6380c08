import { AnnealError, describeValue } from '@anneal/core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

type Dataset = Parameters<LayersModel['evaluateDataset']>[0];
/** A `tf.data.Dataset` of `{ xs, ys }` batches (typed by shape: tfjs bundles may carry their own copy of the class). */
export interface DatasetLike {
  iterator(): Promise<unknown>;
}

/** Evaluate every `batches` batches on `data` (Lightning's `val_check_interval`). */
export interface ValidateEvery {
  readonly batches: number;
  /** `[x, y]` tensors (as `validationData`) or a `tf.data.Dataset` of `{ xs, ys }` batches. */
  readonly data: readonly [Tensor | Tensor[], Tensor | Tensor[]] | DatasetLike;
  /** Batch size for `[x, y]` data; default 32, as `model.evaluate`. */
  readonly batchSize?: number;
}

/** Checks the option; throws AnnealError INVALID_OPTIONS naming the field. */
export function checkValidateEvery(option: ValidateEvery | undefined): ValidateEvery | undefined {
  if (option === undefined) return undefined;
  const fail = (path: string, value: unknown, rule: string) =>
    new AnnealError('INVALID_OPTIONS', `Invalid callback options: ${path}: ${rule} (got ${describeValue(value)})`, [{ path, value, rule }]);
  if (option === null || typeof option !== 'object') throw fail('validateEvery', option, 'must be { batches, data }');
  if (!Number.isInteger(option.batches) || option.batches < 1) throw fail('validateEvery.batches', option.batches, 'must be an integer >= 1');
  const { data } = option;
  const pair = Array.isArray(data) && data.length === 2;
  const dataset = data !== null && typeof data === 'object' && typeof (data as { iterator?: unknown }).iterator === 'function';
  if (!pair && !dataset) throw fail('validateEvery.data', '(not shown)', 'must be [x, y] tensors or a tf.data.Dataset');
  return option;
}

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
