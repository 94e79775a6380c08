import { AnnealError, describeValue } from '@anneal/core';
import { createMonitor, type Decision, type Monitor, type MonitorSnapshot, type RuleRegistry } from '@anneal/monitor';

/** The snapshot format this version writes and reads. */
export const tfjsSnapshotVersion = 1;

/**
 * Where a tfjs training run stands, as plain JSON: the monitor's snapshot plus the
 * global step (batches trained, across epochs and `fit` calls) and the epoch counter.
 */
export interface TfjsSnapshot {
  readonly version: typeof tfjsSnapshotVersion;
  readonly step: number;
  /** Epoch of the next observation. */
  readonly epoch: number;
  readonly monitor: MonitorSnapshot;
}

export interface SessionOptions {
  /** Rule kinds a config may name (with a config only); defaults to the built-in rules. */
  readonly registry?: RuleRegistry;
  /**
   * A snapshot (parsed JSON) to continue from. With a config, the monitor is restored
   * from it too; with a monitor, restore that yourself from `snapshot.monitor`, and this
   * restores the step and epoch counters.
   */
  readonly restore?: unknown;
}

function isMonitor(value: unknown): value is Monitor {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Monitor).observe === 'function' &&
    typeof (value as Monitor).lrAt === 'function' &&
    typeof (value as Monitor).snapshot === 'function'
  );
}

function parseSnapshot(input: unknown): TfjsSnapshot {
  const fail = (path: string, value: unknown, rule: string) =>
    new AnnealError('INVALID_SNAPSHOT', `Invalid tfjs snapshot: ${path || '(root)'}: ${rule} (got ${describeValue(value)})`, [
      { path, value, rule },
    ]);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw fail('', input, 'must be an object');
  const record = input as Record<string, unknown>;
  if (record.version !== tfjsSnapshotVersion) {
    throw fail('version', record.version, `must be ${tfjsSnapshotVersion} (the format this version of @anneal/tfjs reads)`);
  }
  for (const key of ['step', 'epoch'] as const) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw fail(key, value, 'must be an integer >= 0');
  }
  if (record.monitor === null || typeof record.monitor !== 'object') throw fail('monitor', record.monitor, 'must be a monitor snapshot');
  return record as unknown as TfjsSnapshot;
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
    const restored = options.restore === undefined ? undefined : parseSnapshot(options.restore);
    this.monitor = isMonitor(monitorOrConfig)
      ? monitorOrConfig
      : createMonitor(monitorOrConfig, { registry: options.registry, restore: restored?.monitor });
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
    return { version: tfjsSnapshotVersion, step: this.step, epoch: this.epoch, monitor: this.monitor.snapshot() };
  }
}
