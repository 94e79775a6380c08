import { AnnealError, describeValue } from '@anneal/core';
import type { LoopScheduler } from './loop-scheduler.js';

export interface TrainingStepsOptions {
  /**
   * Epochs in the whole plan: the loop runs from the scheduler's epoch (0, or where a
   * restored run stood) up to `epochs - 1`; `Infinity` runs until a stop decision.
   */
  readonly epochs: number;
  /** Batches (updates) per epoch. */
  readonly stepsPerEpoch: number;
}

/** One update of the loop. */
export interface TrainingStep {
  readonly epoch: number;
  /** Index of the batch within its epoch. */
  readonly batch: number;
  /** Global step of this update. */
  readonly step: number;
  /** The rate for this update (already written through the binding). */
  readonly lr: number;
  /** True on the epoch's last batch: evaluate and `report()` after it. */
  readonly lastBatch: boolean;
}

function count(name: string, value: number, allowInfinity: boolean): void {
  const ok = (allowInfinity && value === Infinity) || (Number.isInteger(value) && value >= 1);
  if (!ok) {
    const rule = allowInfinity ? 'must be an integer >= 1 or Infinity' : 'must be an integer >= 1';
    throw new AnnealError('INVALID_OPTIONS', `Invalid training steps: ${name}: ${rule} (got ${describeValue(value)})`, [
      { path: name, value, rule },
    ]);
  }
}

/**
 * The updates of a training run as an async iterable, for `for await` loops whose body
 * awaits (reading tensors, logging, yielding to the event loop). Each item calls
 * `scheduler.step()`; the loop ends after `epochs`, or as soon as the monitor decided
 * to stop (checked before every batch).
 *
 * @example
 * for await (const { lr, lastBatch } of trainingSteps(scheduler, { epochs: 50, stepsPerEpoch: 20 })) {
 *   await update(lr);
 *   if (lastBatch) scheduler.report({ val_loss: await validate() });
 * }
 */
export async function* trainingSteps(scheduler: LoopScheduler, options: TrainingStepsOptions): AsyncGenerator<TrainingStep, void, undefined> {
  count('epochs', options.epochs, true);
  count('stepsPerEpoch', options.stepsPerEpoch, false);
  const { epochs, stepsPerEpoch } = options;
  for (let epoch = scheduler.epoch; epoch < epochs; epoch++) {
    for (let batch = 0; batch < stepsPerEpoch; batch++) {
      if (scheduler.shouldStop) return;
      const step = scheduler.globalStep;
      const lr = scheduler.step();
      yield { epoch, batch, step, lr, lastBatch: batch === stepsPerEpoch - 1 };
    }
  }
}
