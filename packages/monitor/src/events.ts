import type { Decision, DecisionType } from './decision.js';

/** The decision of one type, e.g. `DecisionOf<'drop'>`. */
export type DecisionOf<T extends DecisionType> = Extract<Decision, { readonly type: T }>;

/** Payload of the `lr` event: the rate at the last observed step changed. */
export interface LrChange {
  /** Step of the observation after which the rate is `lr`. */
  readonly step: number;
  readonly lr: number;
  /** The rate last reported (by `lr$`/`lr`), before this observation. */
  readonly previous: number;
}

/**
 * The events of a monitor (eventemitter3), each with its typed payload. One event per
 * decision, named by its type, carrying the decision itself; plus `lr` when the rate
 * changes and `error` when a connected source fails.
 *
 * @example monitor.on('drop', (d) => console.log(`${d.rule}: ${d.from} → ${d.to} (${d.reason})`));
 */
export interface MonitorEvents {
  /** The metric beat every earlier finite value. */
  improve: [decision: DecisionOf<'improve'>];
  /** The metric did not improve (or was not finite). */
  badEvaluation: [decision: DecisionOf<'badEvaluation'>];
  /** A rule lowered the rate. */
  drop: [decision: DecisionOf<'drop'>];
  /** A rule raised the rate. */
  raise: [decision: DecisionOf<'raise'>];
  /** A rule restarted the base schedule's cycle. */
  restart: [decision: DecisionOf<'restart'>];
  /** A rule stopped training; later observations are counted and ignored. */
  stop: [decision: DecisionOf<'stop'>];
  /** The monitored metric was NaN or ±Infinity. */
  nan: [decision: DecisionOf<'nan'>];
  /** The observation was withheld from the rules (missing metric with onMissing "skip", or a rule's screen). */
  skip: [decision: DecisionOf<'skip'>];
  /** The rate at the last observed step differs from the one last reported. */
  lr: [change: LrChange];
  /**
   * A connected source errored, or sent an observation the monitor rejects (an
   * AnnealError, INVALID_OBSERVATION), or a listener threw during a connected run.
   * The state is kept; `connect` again to continue.
   */
  error: [error: unknown];
  /** `migrate: true` resumed a snapshot of another config: what was kept and reset (before the first observation's events). */
  migrate: [report: MigrationReport];
}

/** What a migration carried over from the snapshot and what started fresh. */
export interface MigrationReport {
  /** e.g. "position" (step, scale, origin, stretch, best, counters), "rules[0] plateau", "smoother". */
  readonly kept: readonly string[];
  /** e.g. "rules[1] slope: the snapshot had severityDrop there". */
  readonly reset: readonly string[];
}

/** Every event name, decisions first. */
export type MonitorEventName = keyof MonitorEvents;
