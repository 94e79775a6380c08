import { getLearningRate } from '@anneal/tfjs';
import { tf } from './tf-cpu.js';

// The model: y = w·x, one weight, w starting at 0, trained with mean absolute error on
// x = 1, y = 1000. While w < 1000 the gradient of |w − 1000| is exactly −1, so each SGD
// batch moves w by exactly the rate: a weight delta shows the rate really applied.
export function linearModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' })],
  });
  model.compile({ optimizer, loss: 'meanAbsoluteError' });
  return model;
}

export const kernel = (model: tf.LayersModel) => model.getWeights()[0]!.dataSync()[0]!;

/** `n` samples x = 1, y = 1000. */
export const samples = (n: number): [tf.Tensor, tf.Tensor] => [tf.ones([n, 1]), tf.fill([n, 1], 1000)];

/** Records, after the anneal callback has run, what each batch left behind: the weight delta and the optimizer's rate. */
export class Recorder extends tf.Callback {
  readonly deltas: number[] = [];
  readonly rates: number[] = [];
  #before = 0;
  override async onBatchBegin() {
    this.#before = kernel(this.model);
  }
  override async onBatchEnd() {
    this.deltas.push(kernel(this.model) - this.#before);
    this.rates.push(getLearningRate(this.model.optimizer));
  }
}

/** Replaces val_loss with a constructed sequence (placed before the anneal callback). */
export class Metric extends tf.Callback {
  constructor(readonly values: readonly number[]) {
    super();
  }
  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>) {
    (logs!.val_loss as tf.Tensor).dispose();
    logs!.val_loss = this.values[epoch]!;
  }
}
