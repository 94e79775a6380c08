import type { AnyRuleDefinition, BuiltinRule, Decision, Monitor, MonitorConfigInput } from '@anneal/monitor';
import type { NamedTensorMap, Optimizer, Scalar, Variable } from '@tensorflow/tfjs-core';
import { getLearningRate, setLearningRate } from './optimizer-rate.js';
import { Session, type SessionOptions, type TfjsSnapshot } from './session.js';

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
  /** Feeds `{ step, epoch, metrics }` to the monitor after an evaluation; returns its decisions. */
  report(metrics: Readonly<Record<string, number>>, options?: { readonly epoch?: number }): readonly Decision[];
  /** The position as JSON; continue with `annealOptimizer(optimizer, config, { restore })`. */
  snapshot(): TfjsSnapshot;
}

/**
 * Wraps a tfjs optimizer for a custom loop: every `minimize` / `applyGradients` first
 * writes `monitor.lrAt(globalStep)` into the optimizer (in place; the optimizer and its
 * moments are kept), then advances the global step. The optimizer itself is untouched
 * otherwise, so calling it directly skips the schedule for that update.
 *
 * @example
 * const trainer = annealOptimizer(tf.train.adam(), config);
 * for (let epoch = 0; epoch < 50 && !trainer.shouldStop; epoch++) {
 *   for (const [x, y] of batches) tf.tidy(() => trainer.minimize(() => tf.losses.meanSquaredError(y, predict(x))));
 *   trainer.report({ val_loss: validate() });
 * }
 */
export function annealOptimizer<R extends AnyRuleDefinition = BuiltinRule>(
  optimizer: Optimizer,
  monitorOrConfig: Monitor | NoInfer<MonitorConfigInput<R>>,
  options: SessionOptions<R> = {},
): AnnealedOptimizer {
  getLearningRate(optimizer); // fails now, not at the first update, on something that is no tfjs optimizer
  const session = new Session(monitorOrConfig, options);
  const apply = () => setLearningRate(optimizer, session.monitor.lrAt(session.step));
  return {
    optimizer,
    monitor: session.monitor,
    get lr() {
      return session.monitor.lrAt(session.step);
    },
    get globalStep() {
      return session.step;
    },
    get epoch() {
      return session.epoch;
    },
    get shouldStop() {
      return session.monitor.state.stopped;
    },
    minimize(f, returnCost, varList) {
      apply();
      const cost = optimizer.minimize(f, returnCost, varList);
      session.step += 1;
      return cost;
    },
    applyGradients(gradients) {
      apply();
      optimizer.applyGradients(gradients);
      session.step += 1;
    },
    report(metrics, reportOptions = {}) {
      return session.observe(metrics, reportOptions.epoch);
    },
    snapshot() {
      return session.snapshot();
    },
  };
}
