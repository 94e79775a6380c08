import { AnnealError, describeValue } from '@anneal/core';
import type { AnyRuleDefinition, BuiltinRule, Decision, Monitor, MonitorConfigInput } from '@anneal/monitor';
import type { Tensor } from '@tensorflow/tfjs-core';
import { Callback } from '@tensorflow/tfjs-layers';
import { WeightKeeper } from './best-weights.js';
import { describeDecision } from './describe-decision.js';
import { resolveLogs } from './logs.js';
import { setLearningRate } from './optimizer-rate.js';
import { Session, type SessionOptions, type TfjsSnapshot } from './session.js';

/** What `onDecision` is told besides the decision. */
export interface DecisionContext {
  /** 0-based epoch of the observation, counted across `fit` calls. */
  readonly epoch: number;
  /** Global step of the observation (batches trained so far). */
  readonly step: number;
  readonly model: Callback['model'];
}

export interface AnnealCallbackOptions<R extends AnyRuleDefinition = AnyRuleDefinition> extends SessionOptions<R> {
  /**
   * Keep a copy of the weights of the best epoch (as the monitor judges `improve`) and
   * write it back: `"onDrop"` at every drop and restart (continue from the best point
   * at the lower rate), `"onEnd"` when each `fit` call ends. Default false.
   */
  readonly restoreBestWeights?: false | 'onDrop' | 'onEnd';
  /** Print a Keras-style line for each drop, restart, stop, NaN and skip. Default false. */
  readonly verbose?: boolean;
  /** Where verbose lines go; default `console.log`. */
  readonly log?: (line: string) => void;
  /** Called with every decision of every epoch, after the callback acted on it. */
  readonly onDecision?: (decision: Decision, context: DecisionContext) => void;
}

const restoreModes = [false, 'onDrop', 'onEnd'] as const;

/**
 * A `tf.Callback` that lets a monitor drive `model.fit` / `model.fitDataset`. Before
 * every batch it writes `monitor.lrAt(globalStep)` into the model's optimizer; at the
 * end of every epoch it turns the logs into an observation `{ step, epoch, metrics }`;
 * a `stop` decision sets `model.stopTraining`. The global step and the epoch run on
 * across epochs and across `fit` calls, and are part of `snapshot()`.
 */
export class AnnealCallback extends Callback {
  readonly #session: Session;
  readonly #options: AnnealCallbackOptions;
  readonly #best = new WeightKeeper();

  constructor(monitorOrConfig: unknown, options: AnnealCallbackOptions = {}) {
    super();
    if (!restoreModes.includes(options.restoreBestWeights ?? false)) {
      throw new AnnealError(
        'INVALID_OPTIONS',
        `Invalid callback options: restoreBestWeights: must be false, "onDrop" or "onEnd" (got ${describeValue(options.restoreBestWeights)})`,
        [{ path: 'restoreBestWeights', value: options.restoreBestWeights, rule: 'must be false, "onDrop" or "onEnd"' }],
      );
    }
    this.#options = options;
    this.#session = new Session(monitorOrConfig, options);
  }

  get monitor(): Monitor {
    return this.#session.monitor;
  }

  /** Batches trained so far, across epochs and `fit` calls. */
  get globalStep(): number {
    return this.#session.step;
  }

  /** 0-based epoch of the next observation, counted across `fit` calls. */
  get epoch(): number {
    return this.#session.epoch;
  }

  /** The rate the next batch will use. */
  get lr(): number {
    return this.#session.monitor.lrAt(this.#session.step);
  }

  /** True once the monitor decided to stop; later `fit` calls stop after their first batch. */
  get shouldStop(): boolean {
    return this.#session.monitor.state.stopped;
  }

  /** Epoch (0-based) of the best weights kept by `restoreBestWeights`, or -1. */
  get bestEpoch(): number {
    return this.#best.epoch;
  }

  /** The position as JSON; continue with `annealCallback(config, { restore })`. */
  snapshot(): TfjsSnapshot {
    return this.#session.snapshot();
  }

  /** Frees the copy of the best weights (if any). */
  dispose(): void {
    this.#best.dispose();
  }

  override async onBatchBegin(): Promise<void> {
    // A fit call after a stop decision ends after its first batch (fit resets the flag
    // after onTrainBegin, and checks it only after a batch).
    if (this.#session.monitor.state.stopped) this.model.stopTraining = true;
    setLearningRate(this.model.optimizer, this.lr);
  }

  override async onBatchEnd(): Promise<void> {
    this.#session.step += 1;
  }

  override async onEpochEnd(_epoch: number, logs?: Record<string, number | Tensor>): Promise<void> {
    const metrics = await resolveLogs(logs);
    const epoch = this.#session.epoch;
    let decisions: readonly Decision[];
    try {
      decisions = this.#session.observe(metrics);
    } catch (error) {
      throw withValidationHint(error, this.monitor.config.metric, metrics);
    }
    const { restoreBestWeights, verbose, onDecision } = this.#options;
    for (const decision of decisions) {
      // The decision's line first, then what the callback does about it (a restore line).
      if (verbose) {
        const line = describeDecision(epoch, decision);
        if (line !== null) this.#print(line);
      }
      if (decision.type === 'improve' && restoreBestWeights) this.#best.save(this.model, epoch);
      if ((decision.type === 'drop' || decision.type === 'restart') && restoreBestWeights === 'onDrop') {
        this.#restoreBest(epoch);
      }
      if (decision.type === 'stop') this.model.stopTraining = true;
      onDecision?.(decision, { epoch, step: this.#session.step, model: this.model });
    }
    // Write the new rate now, so the optimizer shows it between epochs and after fit.
    setLearningRate(this.model.optimizer, this.lr);
  }

  override async onTrainEnd(): Promise<void> {
    if (this.#options.restoreBestWeights === 'onEnd') this.#restoreBest(this.#session.epoch - 1);
  }

  #restoreBest(epoch: number): void {
    if (!this.#best.restore(this.model)) return;
    if (this.#options.verbose) this.#print(`Epoch ${epoch + 1}: restoring the weights of epoch ${this.#best.epoch + 1} (the best)`);
  }

  #print(line: string): void {
    (this.#options.log ?? console.log)(line);
  }
}

// The most common mistake: monitoring val_loss while fit has no validation data.
function withValidationHint(error: unknown, metric: string, metrics: Record<string, number>): unknown {
  if (!(error instanceof AnnealError) || metric in metrics || !metric.startsWith('val_')) return error;
  if (Object.keys(metrics).some((key) => key.startsWith('val_'))) return error;
  return new AnnealError(
    error.code,
    `${error.message}. The logs have no validation metrics: pass validationData or validationSplit to fit`,
    error.issues,
  );
}

/**
 * A `tf.Callback` for `model.fit` / `model.fitDataset` driven by a monitor config (or a
 * monitor from `createMonitor`). See `AnnealCallback`.
 *
 * @example
 * const callback = annealCallback(
 *   { schedule: { kind: 'cosineDecay', initialLearningRate: 0.01, decaySteps: 5000 }, metric: 'val_loss',
 *     rules: [{ kind: 'plateau', patience: 5 }] },
 *   { restoreBestWeights: 'onEnd', verbose: true },
 * );
 * await model.fit(xs, ys, { epochs: 100, validationSplit: 0.2, callbacks: [callback] });
 */
export function annealCallback<R extends AnyRuleDefinition = BuiltinRule>(
  monitorOrConfig: Monitor | NoInfer<MonitorConfigInput<R>>,
  options: AnnealCallbackOptions<R> = {},
): AnnealCallback {
  return new AnnealCallback(monitorOrConfig, options);
}
