import { parseOrThrow } from '@anneal/core';
import * as z from 'zod/mini';
import type { LoopScheduler } from './loop-scheduler.js';

const epochsRule = 'must be an integer >= 1 or Infinity';
const stepsRule = 'must be an integer >= 1';

/** The options of `trainingSteps`. Strict: a misspelt option is an error that names the option meant. */
export const trainingStepsOptionsSchema = z.strictObject(
  {
    /**
     * Epochs in the whole plan: the loop runs from the scheduler's epoch (0, or where a
     * restored run stood) up to `epochs - 1`; `Infinity` runs until a stop decision.
     */
    epochs: z.custom<number>((value) => value === Infinity || (Number.isInteger(value) && (value as number) >= 1), epochsRule),
    /** Batches (updates) per epoch. */
    stepsPerEpoch: z.int(stepsRule).check(z.gte(1, stepsRule)),
  },
  'must be { epochs, stepsPerEpoch }',
);

export type TrainingStepsOptions = z.input<typeof trainingStepsOptionsSchema>;

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
  const { epochs, stepsPerEpoch } = parseOrThrow(trainingStepsOptionsSchema, options, 'training steps options');
  for (let epoch = scheduler.epoch; epoch < epochs; epoch++) {
    for (let batch = 0; batch < stepsPerEpoch; batch++) {
      if (scheduler.shouldStop) return;
      const step = scheduler.globalStep;
      const lr = scheduler.step();
      yield { epoch, batch, step, lr, lastBatch: batch === stepsPerEpoch - 1 };
    }
  }
}
