// One training run of the two-spirals MLP, with or without anneal, measured the same way.
import type { Decision, MonitorConfigInput } from '@anneal/monitor';
import { annealCallback, getLearningRate } from '@anneal/tfjs';
import * as tf from '@tensorflow/tfjs';
import { type Points, twoSpirals } from './data.js';
import { buildModel } from './model.js';

export const batchSize = 50; // 1500 points: 30 steps per epoch, as monitor.json assumes

export interface Dataset {
  readonly xs: tf.Tensor2D;
  readonly ys: tf.Tensor2D;
  readonly valXs: tf.Tensor2D;
  readonly valYs: tf.Tensor2D;
}

const toTensors = (p: Points) => [tf.tensor2d(p.x, [p.count, 2]), tf.tensor2d(p.y, [p.count, 1])] as const;

/** The fixed data of every run: 1500 training and 500 validation points, different seeds. */
export function loadData(): Dataset {
  const [xs, ys] = toTensors(twoSpirals(1500, { seed: 1 }));
  const [valXs, valYs] = toTensors(twoSpirals(500, { seed: 2 }));
  return { xs, ys, valXs, valYs };
}

/** One epoch's record: what the JSONL file holds, plus the rate and the decisions. */
export interface EpochRecord {
  readonly step: number;
  readonly epoch: number;
  readonly metrics: Readonly<Record<string, number>>;
  /** The rate the optimizer used on the epoch's last batch. */
  readonly lr: number;
  readonly decisions: readonly Decision[];
}

/**
 * The run's observations in the format `anneal simulate --metrics` replays: one JSON
 * object `{ step, epoch, metrics }` a line, each as the callback fed it to the monitor.
 */
export function metricsLog(records: readonly EpochRecord[]): string {
  return records.map(({ step, epoch, metrics }) => `${JSON.stringify({ step, epoch, metrics })}\n`).join('');
}

export interface RunResult {
  readonly epochs: readonly EpochRecord[];
  /** val_loss and val_acc of the model as training left it (model.evaluate after fit). */
  readonly final: { readonly valLoss: number; readonly valAcc: number };
  readonly stoppedBy: string | null;
}

export interface RunOptions {
  readonly epochs: number;
  /** A monitor config for anneal; without it, Adam keeps `fixedRate` throughout. */
  readonly monitor?: MonitorConfigInput;
  readonly fixedRate?: number;
  /** Called after each epoch (the anneal callback has acted by then). */
  readonly onEpoch?: (record: EpochRecord) => void;
}

/**
 * Reads each epoch's logs (numbers, or scalar Tensors when no anneal callback read them
 * first; History disposes those) and the rate the optimizer really used last.
 */
class EpochLog extends tf.Callback {
  steps = 0;
  lr = Number.NaN;
  constructor(readonly handle: (epoch: number, metrics: Record<string, number>, step: number, lr: number) => void) {
    super();
  }
  override async onBatchEnd() {
    this.steps += 1;
    this.lr = getLearningRate(this.model.optimizer);
  }
  override async onEpochEnd(epoch: number, logs?: Record<string, number | tf.Tensor>) {
    const metrics: Record<string, number> = {};
    for (const [key, value] of Object.entries(logs ?? {})) {
      metrics[key] = typeof value === 'number' ? value : (await value.data())[0]!;
    }
    this.handle(epoch, metrics, this.steps, this.lr);
  }
}

/** Trains a fresh model (same seed every time) and evaluates it on the validation set. */
export async function train(data: Dataset, options: RunOptions): Promise<RunResult> {
  const model = buildModel(7, options.fixedRate ?? 0.01);
  const records: EpochRecord[] = [];
  let pending: Decision[] = [];
  let stoppedBy: string | null = null;
  const anneal =
    options.monitor === undefined
      ? undefined
      : annealCallback(options.monitor, {
          restoreBestWeights: 'onDrop',
          onDecision: (decision) => {
            pending.push(decision);
            if (decision.type === 'stop') stoppedBy = decision.rule;
          },
        });
  const log = new EpochLog((epoch, metrics, step, lr) => {
    const record: EpochRecord = { step, epoch, metrics, lr, decisions: pending };
    pending = [];
    records.push(record);
    options.onEpoch?.(record);
  });
  await model.fit(data.xs, data.ys, {
    epochs: options.epochs,
    batchSize,
    shuffle: false, // fit's shuffle uses Math.random; the data are shuffled once, with a seed
    validationData: [data.valXs, data.valYs],
    verbose: 0,
    callbacks: anneal === undefined ? [log] : [anneal, log],
  });
  const [valLoss, valAcc] = model.evaluate(data.valXs, data.valYs, { batchSize: 500 }) as tf.Scalar[];
  const final = { valLoss: (await valLoss!.data())[0]!, valAcc: (await valAcc!.data())[0]! };
  tf.dispose([valLoss!, valAcc!]);
  anneal?.dispose();
  model.dispose();
  return { epochs: records, final, stoppedBy };
}
