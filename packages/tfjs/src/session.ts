import {
  type AnyRuleDefinition,
  createMonitor,
  type Decision,
  isMonitor,
  type Monitor,
  type MonitorConfigInput,
  parseRunSnapshot,
  type RuleRegistry,
  type RunSnapshot,
  runSnapshotVersion,
} from '@anneal/monitor';

/** The snapshot format this version writes and reads (the monitor's run-snapshot format). */
export const tfjsSnapshotVersion = runSnapshotVersion;

/**
 * Where a tfjs training run stands, as plain JSON: the monitor's snapshot plus the
 * global step (batches trained, across epochs and `fit` calls) and the epoch counter.
 */
export type TfjsSnapshot = RunSnapshot;

export interface SessionOptions<R extends AnyRuleDefinition = AnyRuleDefinition> {
  /** Rule kinds a config may name (with a config only; its type knows them); defaults to the built-in rules. */
  readonly registry?: RuleRegistry<R> | undefined;
  /**
   * A snapshot (parsed JSON) to continue from. With a config, the monitor is restored
   * from it too; with a monitor, restore that yourself from `snapshot.monitor`, and this
   * restores the step and epoch counters.
   */
  readonly restore?: unknown;
}

/**
 * The bookkeeping the callback and the custom-loop helper share: a monitor, the global
 * step and the epoch counter. Moves numbers only; every decision is the monitor's.
 */
export class Session {
  readonly monitor: Monitor;
  step: number;
  epoch: number;

  constructor(monitorOrConfig: unknown, options: SessionOptions) {
    const restored = options.restore === undefined ? undefined : parseRunSnapshot(options.restore, 'tfjs');
    this.monitor = isMonitor(monitorOrConfig)
      ? monitorOrConfig
      : createMonitor(monitorOrConfig as MonitorConfigInput<AnyRuleDefinition>, { registry: options.registry, restore: restored?.monitor });
    this.step = restored?.step ?? 0;
    this.epoch = restored?.epoch ?? 0;
  }

  /** Observes at the current step; the epoch defaults to the counter, which then moves past it. */
  observe(metrics: Readonly<Record<string, number>>, epoch: number = this.epoch): readonly Decision[] {
    const decisions = this.monitor.observe({ step: this.step, epoch, metrics });
    this.epoch = epoch + 1;
    return decisions;
  }

  snapshot(): TfjsSnapshot {
    return { version: runSnapshotVersion, step: this.step, epoch: this.epoch, monitor: this.monitor.snapshot() };
  }
}
