import { EventEmitter } from 'eventemitter3';
import { BehaviorSubject, type Observable, Subject, type Subscription, tap } from 'rxjs';
import { compileMonitor, type MonitorConfig, type MonitorProgram } from './config.js';
import type { BuiltinRule, MonitorConfigInput } from './config-types.js';
import type { AnyRuleDefinition } from './define-rule.js';
import type { Decision } from './decision.js';
import type { MigrationReport, MonitorEvents } from './events.js';
import { lrAt } from './lr.js';
import type { ObservationInput } from './observation.js';
import { reduce } from './reduce.js';
import type { RuleRegistry } from './registry.js';
import { type MonitorSnapshot, resumeState, takeSnapshot } from './snapshot.js';
import type { MonitorState } from './state.js';

export interface CreateMonitorOptions<R extends AnyRuleDefinition = AnyRuleDefinition> {
  /** The rule kinds the config may name (and its type knows); defaults to the built-in rules. */
  readonly registry?: RuleRegistry<R> | undefined;
  /** A snapshot from `snapshot()` (parsed JSON) to continue from; validated against the config. */
  readonly restore?: unknown;
  /**
   * Resume `restore` into a config that differs from the one it was taken with: the run's
   * position (step, scale, origin, stretch, best, counters) carries over, and each rule's
   * state whose kind and position match and whose state the new rule's schema accepts;
   * other rules (and a smoother of another kind or setting) start fresh. The monitor emits
   * a `migrate` event (before the first observation's events) and keeps the report in
   * `migration`. Without it, a snapshot of another config is refused.
   */
  readonly migrate?: boolean;
  /**
   * For adapters: the base rate of a config that names neither `initialLearningRate` nor
   * `schedule` (the optimizer's rate when training begins).
   */
  readonly baseLearningRate?: number;
}

/**
 * A running monitor: the pure reducer with its state kept for you, as a synchronous
 * API (`observe`, `lrAt`), as streams (`lr$`, `decisions$`, `connect`) and as events.
 */
export interface Monitor {
  /** The validated config (defaults filled in). */
  readonly config: MonitorConfig;
  /** The current state. A new object after every observation; never mutate it. */
  readonly state: Readonly<MonitorState>;
  /** The rate in effect at the last observed step (step 0 before any observation). */
  readonly lr: number;
  /** The rate in effect at `step` under the current state. Allocation-free: call it every batch. */
  lrAt(step: number): number;
  /**
   * Feeds one observation and returns its decisions. Throws the AnnealError of an invalid
   * observation (the state is then unchanged). See "Listeners that throw" on `createMonitor`.
   */
  observe(observation: ObservationInput): readonly Decision[];
  /** The current rate at once, then each new rate after an observation changes it. */
  readonly lr$: Observable<number>;
  /** Every decision of every observation, as it happens (hot). */
  readonly decisions$: Observable<Decision>;
  /**
   * Observes every observation of `source$` until it ends or you unsubscribe. A failing
   * source, or an observation the monitor rejects, ends this connection and emits `error`;
   * the state is kept, so connecting again continues the run.
   */
  connect(source$: Observable<ObservationInput>): Subscription;
  /** The state as versioned JSON, for `createMonitor(config, { restore })`. */
  snapshot(): MonitorSnapshot;
  /**
   * Calls `listener` on every `type` event (see MonitorEvents); returns the function
   * that unsubscribes it.
   *
   * @example const off = monitor.on('drop', (d) => log(d.reason)); ... off();
   */
  on<E extends keyof MonitorEvents>(type: E, listener: (...args: MonitorEvents[E]) => void): () => void;
  /** What `migrate: true` kept and reset (null when the monitor did not migrate). */
  readonly migration: MigrationReport | null;
}

/**
 * Creates a monitor for a config (validated against the registry; AnnealError
 * INVALID_CONFIG names the bad field), optionally resuming from a snapshot
 * (AnnealError INVALID_SNAPSHOT if it is corrupt or belongs to another config).
 *
 * Order on each observation: the state is committed first, then every decision goes to
 * `decisions$` and to its event, then `lr$` and the `lr` event fire if the rate changed.
 *
 * Listeners that throw: the state, `lr$` and `decisions$` are already updated, and every
 * other event of the observation is still emitted (an exception stops only the remaining
 * listeners of the same event, as in any EventEmitter). Then the first exception is
 * rethrown by `observe()`; under `connect()` it is emitted as `error` and the connection
 * goes on. With no `error` listener, an error is rethrown asynchronously (as RxJS reports
 * unhandled errors) rather than lost.
 *
 * @example
 * const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau' }] });
 * monitor.on('drop', (d) => console.log(`lr ${d.from} → ${d.to}: ${d.reason}`));
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   for (const batch of batches) optimizer.lr = monitor.lrAt(step++);
 *   monitor.observe({ step, epoch, metrics: { val_loss: validate() } });
 *   if (monitor.state.stopped) break;
 * }
 */
export function createMonitor<R extends AnyRuleDefinition = BuiltinRule>(
  config: NoInfer<MonitorConfigInput<R>>,
  options: CreateMonitorOptions<R> = {},
): Monitor {
  const program = compileMonitor(config, options.registry, { baseLearningRate: options.baseLearningRate });
  const { state, migration } = resumeState(program, options.restore, options.migrate === true);
  return new RunningMonitor(program, state, migration);
}

interface Failure {
  readonly error: unknown;
}

// The monitor holds its emitter rather than being one: eventemitter3's API is not ours to publish.
class RunningMonitor implements Monitor {
  readonly config: MonitorConfig;
  readonly lr$: Observable<number>;
  readonly decisions$: Observable<Decision>;
  readonly migration: MigrationReport | null;
  readonly #program: MonitorProgram;
  readonly #events = new EventEmitter<MonitorEvents>();
  #state: MonitorState;
  /** The rate at the last observed step, computed once per observation. */
  #current: number;
  #migrationPending: boolean;
  #failure: Failure | undefined = undefined;
  /** Listeners added through `on` and not yet removed. */
  #listeners = 0;
  readonly #lr: BehaviorSubject<number>;
  readonly #decisions = new Subject<Decision>();

  constructor(program: MonitorProgram, state: MonitorState, migration: MigrationReport | null) {
    this.#program = program;
    this.#state = state;
    this.config = program.config;
    this.migration = migration;
    this.#migrationPending = migration !== null;
    this.#current = lrAt(program, state, state.step ?? 0);
    this.#lr = new BehaviorSubject(this.#current);
    this.lr$ = this.#lr.asObservable();
    this.decisions$ = this.#decisions.asObservable();
  }

  get state(): Readonly<MonitorState> {
    return this.#state;
  }

  get lr(): number {
    return this.#current;
  }

  on<E extends keyof MonitorEvents>(type: E, listener: (...args: MonitorEvents[E]) => void): () => void {
    const events = this.#events as unknown as EventEmitter<string>;
    const fn = listener as (...args: unknown[]) => void;
    events.on(type, fn);
    this.#listeners += 1;
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.#listeners -= 1;
      events.off(type, fn);
    };
  }

  lrAt(step: number): number {
    return lrAt(this.#program, this.#state, step);
  }

  observe(observation: ObservationInput): readonly Decision[] {
    const decisions = this.#ingest(observation);
    const failure = this.#failure;
    if (failure !== undefined) {
      this.#failure = undefined;
      throw failure.error;
    }
    return decisions;
  }

  connect(source$: Observable<ObservationInput>): Subscription {
    // `tap` makes a throwing reduce end this connection (and unsubscribe from the source).
    return source$
      .pipe(
        tap((observation) => {
          this.#ingest(observation);
          const failure = this.#failure;
          if (failure !== undefined) {
            this.#failure = undefined;
            this.#reportError(failure.error);
          }
        }),
      )
      .subscribe({ error: (error: unknown) => this.#reportError(error) });
  }

  snapshot(): MonitorSnapshot {
    return takeSnapshot(this.#program, this.#state);
  }

  /**
   * Reduces one observation, then tells listeners. A throwing listener does not stop the
   * others: the first error is kept in `#failure` for the caller to throw or report
   * (a field rather than a returned pair: this runs on every observation).
   */
  #ingest(observation: ObservationInput): readonly Decision[] {
    const result = reduce(this.#state, observation, this.#program); // throws before anything changed
    const state = result.state;
    const previous = this.#current;
    this.#state = state;
    this.#current = result.lr;
    const events = this.#events as unknown as EventEmitter<string>;
    if (this.#migrationPending) {
      this.#migrationPending = false;
      try {
        events.emit('migrate', this.migration);
      } catch (error) {
        this.#fail(error);
      }
    }
    const decisions = result.decisions;
    // Replaying a log with nobody listening is the hot case: no emit per decision then.
    const told = this.#listeners > 0 || this.#decisions.observed;
    for (let i = 0; told && i < decisions.length; i++) {
      const decision = decisions[i] as Decision;
      if (this.#decisions.observed) this.#decisions.next(decision);
      try {
        events.emit(decision.type, decision);
      } catch (error) {
        this.#fail(error);
      }
    }
    const lr = result.lr;
    if (lr !== previous) {
      this.#lr.next(lr);
      try {
        events.emit('lr', { step: state.step ?? 0, lr, previous });
      } catch (error) {
        this.#fail(error);
      }
    }
    return decisions;
  }

  /** Keeps the first error of an observation. */
  #fail(error: unknown): void {
    this.#failure ??= { error };
  }

  #reportError(error: unknown): void {
    try {
      if ((this.#events as unknown as EventEmitter<string>).emit('error', error)) return;
    } catch (thrown) {
      error = thrown; // the error listener itself threw
    }
    // Like an unhandled 'error' on a Node EventEmitter, never silently dropped; thrown
    // from a fresh stack so it cannot unwind the monitor or the source mid-notification.
    setTimeout(() => {
      throw error;
    });
  }
}
