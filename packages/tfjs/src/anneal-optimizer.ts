import { parseOrThrow } from '@anneal/core';
import { createLoopScheduler, type LoopSchedulerOptions, loopSchedulerOptionsSchema, type ReportOptions } from '@anneal/loop';
import type { AnyRuleDefinition, BuiltinRule, Decision, Monitor, MonitorConfigInput, RunSnapshot } from '@anneal/monitor';
import type { NamedTensorMap, Optimizer, Scalar, Variable } from '@tensorflow/tfjs-core';
import { getLearningRate, setLearningRate } from './optimizer-rate.js';

/** Options of `annealOptimizer`: those of `createLoopScheduler` (registry, restore, interval). */
export type AnnealOptimizerOptions<R extends AnyRuleDefinition = AnyRuleDefinition> = LoopSchedulerOptions<R>;

/** A tfjs optimizer driven by a monitor, for custom training loops. */
export interface AnnealedOptimizer {
  readonly optimizer: Optimizer;
  readonly monitor: Monitor;
  /** The rate the next update will use. */
  readonly lr: number;
  /** Updates made so far (the global step of the next one). */
  readonly globalStep: number;
  /** 0-based epoch of the next report. */
  readonly epoch: number;
  /** True once the monitor decided to stop. */
  readonly shouldStop: boolean;
  /** Writes the step's rate, runs `optimizer.minimize(f, returnCost, varList)`, advances the step. */
  minimize(f: () => Scalar, returnCost?: boolean, varList?: Variable[]): Scalar | null;
  /** Writes the step's rate, runs `optimizer.applyGradients(gradients)`, advances the step. */
  applyGradients(gradients: NamedTensorMap): void;
  /**
   * Feeds `{ step, epoch, metrics }` to the monitor after an evaluation; returns its
   * decisions. The epoch counts once the observation is committed, whatever a listener throws.
   */
  report(metrics: Readonly<Record<string, number>>, options?: ReportOptions): readonly Decision[];
  /** The position as JSON; continue with `annealOptimizer(optimizer, config, { restore })`. */
  snapshot(): RunSnapshot;
}

/**
 * Wraps a tfjs optimizer for a custom loop, on `createLoopScheduler`: every `minimize` /
 * `applyGradients` first writes the step's rate into the optimizer (in place; the
 * optimizer and its moments are kept), then advances the global step. A config without
 * a rate starts from the optimizer's own. Calling the optimizer directly skips the
 * schedule for that update.
 *
 * @example
 * const trainer = annealOptimizer(tf.train.adam(1e-3), { metric: 'val_loss', rules: [{ kind: 'plateau' }] });
 * for (let epoch = 0; epoch < 50 && !trainer.shouldStop; epoch++) {
 *   for (const [x, y] of batches) tf.tidy(() => trainer.minimize(() => tf.losses.meanSquaredError(y, predict(x))));
 *   trainer.report({ val_loss: validate() });
 * }
 */
export function annealOptimizer<R extends AnyRuleDefinition = BuiltinRule>(
  optimizer: Optimizer,
  monitorOrConfig: Monitor | NoInfer<MonitorConfigInput<R>>,
  options: AnnealOptimizerOptions<R> = {},
): AnnealedOptimizer {
  getLearningRate(optimizer); // fails now, not at the first update, on something that is no tfjs optimizer
  parseOrThrow(loopSchedulerOptionsSchema, options, 'annealOptimizer options'); // named as the user called it
  const scheduler = createLoopScheduler(
    monitorOrConfig,
    { getLearningRate: () => getLearningRate(optimizer), setLearningRate: (lr) => setLearningRate(optimizer, lr) },
    options,
  );
  return {
    optimizer,
    get monitor() {
      return scheduler.monitor;
    },
    get lr() {
      return scheduler.lr;
    },
    get globalStep() {
      return scheduler.globalStep;
    },
    get epoch() {
      return scheduler.epoch;
    },
    get shouldStop() {
      return scheduler.shouldStop;
    },
    minimize(f, returnCost, varList) {
      scheduler.step();
      return optimizer.minimize(f, returnCost, varList);
    },
    applyGradients(gradients) {
      scheduler.step();
      optimizer.applyGradients(gradients);
    },
    report(metrics, reportOptions) {
      return scheduler.report(metrics, reportOptions);
    },
    snapshot() {
      return scheduler.snapshot();
    },
  };
}
