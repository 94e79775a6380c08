import type { MonitorConfigInput } from '@anneal/monitor';
// One training run that checkpoints after every epoch and resumes from the last
// checkpoint when there is one. The monitor config names no rate: the base is the
// compiled optimizer's (Adam 0.02), recorded in the snapshot, so a resumed run does not
// take the rate anneal lowered for its base.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { annealCallback } from '@anneal/tfjs';
import * as tf from '@tensorflow/tfjs';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';

export const config = { metric: 'val_loss', rules: [{ kind: 'plateau', patience: 0, factor: 0.5, threshold: 0.05 }] } satisfies MonitorConfigInput;

/** y = sin(3x) + noise on 64 points, from a fixed linear congruential generator. */
export function loadData(): { xs: tf.Tensor; ys: tf.Tensor; valXs: tf.Tensor; valYs: tf.Tensor } {
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
  const points = (n: number) => {
    const x = Array.from({ length: n }, () => random() * 2 - 1);
    return [tf.tensor2d(x, [n, 1]), tf.tensor2d(x.map((v) => Math.sin(3 * v) + (random() - 0.5) * 0.2), [n, 1])] as const;
  };
  const [xs, ys] = points(64);
  const [valXs, valYs] = points(32);
  return { xs, ys, valXs, valYs };
}

function freshModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 16, activation: 'tanh', inputShape: [1], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
  return model;
}

export interface TrainOptions {
  readonly dir: string;
  readonly epochs: number;
  /** Kill the process in the middle of this epoch (after its second batch), as a crash would. */
  readonly crashAt?: number;
}

/** Trains up to `epochs`, from the checkpoint in `dir` if any; appends `{ epoch, learning_rate, val_loss }` lines to `dir/epochs.jsonl`. */
export async function train({ dir, epochs, crashAt }: TrainOptions): Promise<void> {
  const data = loadData();
  const checkpoint = await loadCheckpoint(dir);
  const model = checkpoint?.model ?? freshModel();
  const callback = annealCallback(config, checkpoint === null ? {} : { restore: checkpoint.snapshot });
  const initialEpoch = callback.epoch; // 0, or the epochs the checkpoint completed
  class Checkpoints extends tf.Callback {
    override async onBatchEnd(batch: number) {
      if (crashAt === currentEpoch && batch === 1) process.exit(75); // mid-epoch: its work is lost, as in a crash
    }
    override async onEpochBegin(epoch: number) {
      currentEpoch = epoch;
    }
    override async onEpochEnd(epoch: number, logs?: tf.Logs) {
      appendFileSync(join(dir, 'epochs.jsonl'), `${JSON.stringify({ epoch, learning_rate: logs?.learning_rate, val_loss: logs?.val_loss })}\n`);
      await saveCheckpoint(dir, model, callback.snapshot());
    }
  }
  let currentEpoch = -1;
  await model.fit(data.xs, data.ys, {
    epochs,
    initialEpoch,
    batchSize: 16,
    shuffle: false,
    verbose: 0,
    validationData: [data.valXs, data.valYs],
    callbacks: [callback, new Checkpoints()],
  });
  tf.dispose(Object.values(data));
  model.dispose();
}
