import { AnnealError, parseOrThrow } from '@anneal/core';
import { createLoopScheduler, type Interval, type LoopScheduler } from '@anneal/loop';
import type { AnyRuleDefinition, BuiltinRule, Decision, Monitor, MonitorConfigInput, RuleRegistry, RunSnapshot } from '@anneal/monitor';
import type { Optimizer, Tensor } from '@tensorflow/tfjs-core';
import { Callback } from '@tensorflow/tfjs-layers';
import { WeightKeeper } from './best-weights.js';
import { describeDecision } from './describe-decision.js';
import { resolveLogs } from './logs.js';
import { getLearningRate, setLearningRate } from './optimizer-rate.js';
import * as z from 'zod/mini';
import { evaluateNow, type ValidateEvery, validateEverySchema } from './validate-every.js';

/** What `onDecision` is told besides the decision. */
export interface DecisionContext {
  /** 0-based epoch of the observation, counted across `fit` calls. */
  readonly epoch: number;
  /** Global step of the observation (batches trained so far). */
  readonly step: number;
  readonly model: Callback['model'];
}

export interface AnnealCallbackOptions<R extends AnyRuleDefinition = AnyRuleDefinition> {
  /** Rule kinds a config may name (with a config only; its type knows them); defaults to the built-in rules. */
  readonly registry?: RuleRegistry<R> | undefined;
  /** A `snapshot()` (parsed JSON) to continue from; see `createLoopScheduler`. */
  readonly restore?: unknown;
  /**
   * `"batch"` (default): the schedule's step counts batches. `"epoch"`: it counts epochs,
   * and the rate is set once at each epoch's start (PyTorch's per-epoch `scheduler.step()`).
   */
  readonly interval?: Interval;
  /**
   * Keep a copy of the weights of the best epoch (as the monitor judges `improve`) and
   * write it back: `"onDrop"` at every drop and restart (continue from the best point
   * at the lower rate), `"onEnd"` when each `fit` call ends. Default false.
   */
  readonly restoreBestWeights?: false | 'onDrop' | 'onEnd';
  /**
   * The key under which each epoch's logs get the rate its last batch used, so that
   * `History.history` and tfjs-vis show it (Keras 3 writes `learning_rate`). Default
   * `"learning_rate"`; false leaves the logs alone.
   */
  readonly learningRateLog?: string | false;
  /**
   * Evaluate on `data` every `batches` batches and feed the monitor then (metrics named
   * `val_<metric>`), instead of at each epoch's end; decisions take effect from the next batch.
   */
  readonly validateEvery?: ValidateEvery;
  /** Print a Keras-style line for each drop, raise, restart, stop, NaN and skip. Default false. */
  readonly verbose?: boolean;
  /** Where verbose lines go; default `console.log`. */
  readonly log?: (line: string) => void;
  /** Called with every decision of every epoch, after the callback acted on it. */
  readonly onDecision?: (decision: Decision, context: DecisionContext) => void;
}

const fn = <F>(rule: string) => z.custom<F>((value) => typeof value === 'function', rule);

// Strict, so a misspelt option (`restore_best_weights`) is an error naming the one meant.
// The type stays the interface above (generic in the registry's rules, with its docs);
// `satisfies` checks the values and `SameKeys` that neither declares a key the other lacks.
const callbackOptionsSchema = z.strictObject(
  {
    // These three are checked by createLoopScheduler (restore against the config too).
    registry: z.optional(z.custom<RuleRegistry>()),
    restore: z.optional(z.unknown()),
    interval: z.optional(z.custom<Interval>()),
    restoreBestWeights: z.optional(z.literal([false, 'onDrop', 'onEnd'], 'must be false, "onDrop" or "onEnd"')),
    learningRateLog: z.optional(
      z.custom<string | false>((value) => value === false || (typeof value === 'string' && value !== ''), 'must be a non-empty string or false'),
    ),
    validateEvery: z.optional(validateEverySchema),
    verbose: z.optional(z.boolean('must be a boolean')),
    log: z.optional(fn<(line: string) => void>('must be a function (line) => void')),
    onDecision: z.optional(fn<NonNullable<AnnealCallbackOptions['onDecision']>>('must be a function (decision, context) => void')),
  },
  'must be an object of options',
) satisfies z.ZodMiniType<AnnealCallbackOptions>;

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
true satisfies SameKeys<z.output<typeof callbackOptionsSchema>, AnnealCallbackOptions>;

/**
 * A `tf.Callback` that lets a monitor drive `model.fit` / `model.fitDataset`, built on
 * `createLoopScheduler` from `@anneal/loop`: before every batch it writes the
 * scheduler's rate into the model's optimizer; at the end of every epoch (or every N
 * batches with `validateEvery`) it turns the logs into an observation; a `stop`
 * decision sets `model.stopTraining`. A config without a rate starts from the compiled
 * optimizer's rate. The global step and the epoch run on across epochs and `fit` calls,
 * and are part of `snapshot()`.
 */
export class AnnealCallback extends Callback {
  readonly #scheduler: LoopScheduler;
  readonly #options: AnnealCallbackOptions;
  readonly #validateEvery: ValidateEvery | undefined;
  readonly #best = new WeightKeeper();
  #lastLr = Number.NaN;

  constructor(monitorOrConfig: Monitor | MonitorConfigInput<AnyRuleDefinition>, options: AnnealCallbackOptions = {}) {
    super();
    this.#validateEvery = parseOrThrow(callbackOptionsSchema, options, 'callback options').validateEvery;
    this.#options = options;
    const optimizer = () => this.#optimizer();
    this.#scheduler = createLoopScheduler(
      monitorOrConfig,
      { getLearningRate: () => getLearningRate(optimizer()), setLearningRate: (lr) => setLearningRate(optimizer(), lr) },
      { registry: options.registry, restore: options.restore, interval: options.interval },
    );
  }

  #optimizer(): Optimizer {
    const optimizer = (this.model as { optimizer?: Optimizer } | undefined)?.optimizer;
    if (optimizer == null) {
      const rule =
        "must be set before the rate is read: a config without initialLearningRate or schedule takes the optimizer's rate " +
        'when fit begins (model.compile, then model.fit with this callback)';
      throw new AnnealError('INVALID_OPTIONS', { subject: 'callback', issues: [{ path: 'model.optimizer', value: optimizer, rule }] });
    }
    return optimizer;
  }

  get monitor(): Monitor {
    return this.#scheduler.monitor;
  }

  /** Batches trained so far, across epochs and `fit` calls. */
  get globalStep(): number {
    return this.#scheduler.globalStep;
  }

  /** 0-based epoch of the next observation, counted across `fit` calls. */
  get epoch(): number {
    return this.#scheduler.epoch;
  }

  /** The rate the next batch will use. */
  get lr(): number {
    return this.#scheduler.lr;
  }

  /** True once the monitor decided to stop; later `fit` calls stop after their first batch. */
  get shouldStop(): boolean {
    return this.#scheduler.shouldStop;
  }

  /** Epoch (0-based) of the best weights kept by `restoreBestWeights`, or -1. */
  get bestEpoch(): number {
    return this.#best.epoch;
  }

  /** The position as JSON; continue with `annealCallback(config, { restore })`. */
  snapshot(): RunSnapshot {
    return this.#scheduler.snapshot();
  }

  /** Frees the copy of the best weights (if any). */
  dispose(): void {
    this.#best.dispose();
  }

  override async onTrainBegin(): Promise<void> {
    // Written directly: a recompiled model has a new optimizer the scheduler never wrote to.
    setLearningRate(this.#optimizer(), this.#scheduler.lr);
  }

  override async onBatchBegin(): Promise<void> {
    // A fit call after a stop decision ends after its first batch (fit resets the flag
    // after onTrainBegin, and checks it only after a batch).
    if (this.#scheduler.shouldStop) this.model.stopTraining = true;
    this.#lastLr = this.#scheduler.step();
  }

  override async onBatchEnd(): Promise<void> {
    const every = this.#validateEvery;
    if (every === undefined || this.#scheduler.globalStep % every.batches !== 0) return;
    const metrics = await evaluateNow(this.model, every);
    const epoch = this.#scheduler.epoch;
    this.#act(this.#observe(metrics, { endsEpoch: false }), epoch);
  }

  override async onEpochEnd(_epoch: number, logs?: Record<string, number | Tensor>): Promise<void> {
    const metrics = await resolveLogs(logs);
    const key = this.#options.learningRateLog ?? 'learning_rate';
    if (key !== false && logs !== undefined && !Number.isNaN(this.#lastLr)) logs[key] = this.#lastLr;
    if (this.#validateEvery !== undefined) {
      this.#scheduler.endEpoch();
      return;
    }
    const epoch = this.#scheduler.epoch;
    this.#act(this.#observe(metrics, {}), epoch);
  }

  override async onTrainEnd(): Promise<void> {
    if (this.#options.restoreBestWeights !== 'onEnd') return;
    // Nothing to restore (or to say) when the best epoch is the last one.
    if (this.#best.epoch === this.#scheduler.epoch - 1) return;
    this.#restoreBest(this.#scheduler.epoch - 1);
  }

  #observe(metrics: Record<string, number>, options: { endsEpoch?: boolean }): readonly Decision[] {
    try {
      return this.#scheduler.report(metrics, options);
    } catch (error) {
      throw withValidationHint(error, this.monitor.config.metric, metrics);
    }
  }

  #act(decisions: readonly Decision[], epoch: number): void {
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
      onDecision?.(decision, { epoch, step: this.#scheduler.globalStep, model: this.model });
    }
  }

  #restoreBest(epoch: number): void {
    if (!this.#best.restore(this.model)) return;
    if (this.#options.verbose) this.#print(`Epoch ${epoch + 1}: restoring the weights of epoch ${this.#best.epoch + 1} (the best)`);
  }

  #print(line: string): void {
    (this.#options.log ?? console.log)(line);
  }
}

// The most common mistake: monitoring val_loss while fit has no validation data. The
// observation's error is wrapped (kept as the cause), its issue told what to do.
function withValidationHint(error: unknown, metric: string, metrics: Record<string, number>): unknown {
  if (!AnnealError.is(error) || error.code !== 'INVALID_OBSERVATION' || Object.hasOwn(metrics, metric) || !metric.startsWith('val_')) return error;
  if (Object.keys(metrics).some((key) => key.startsWith('val_'))) return error;
  const hint = "the logs have no validation metrics: pass validationData or validationSplit to fit, or the callback's validateEvery";
  const at = `metrics.${metric}`;
  if (!error.issues.some((issue) => issue.path === at)) return error;
  const issues = error.issues.map((issue) => (issue.path === at ? { ...issue, rule: `${issue.rule}; ${hint}` } : issue));
  return new AnnealError(error.code, { subject: 'observation', issues, cause: error });
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
