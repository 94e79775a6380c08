import { AnnealError, describeValue } from '@anneal/core';
import type { Monitor } from './monitor.js';
import type { MonitorSnapshot } from './snapshot.js';

/** The run-snapshot format this version writes and reads. */
export const runSnapshotVersion = 1;

/**
 * Where a training run stands, as plain JSON: the monitor's own snapshot plus what an
 * adapter counts and the monitor does not know — the global step (batches trained) and
 * the epoch of the next evaluation. Every adapter saves and restores this one format.
 */
export interface RunSnapshot {
  readonly version: typeof runSnapshotVersion;
  readonly step: number;
  readonly epoch: number;
  readonly monitor: MonitorSnapshot;
  /** The optimizer's rate the base was taken from, when the config named no rate (kept so a resume does not re-read a lowered rate). */
  readonly baseLearningRate?: number;
  /** `"function"` when the config's schedule was a function: a resume needs a function schedule again. */
  readonly schedule?: 'function';
  /** What the schedule's step counts; absent means `"batch"`. */
  readonly interval?: 'batch' | 'epoch';
}

/** True for a monitor made by `createMonitor` (so adapters accept a monitor or a config). */
export function isMonitor(value: unknown): value is Monitor {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Monitor).observe === 'function' &&
    typeof (value as Monitor).lrAt === 'function' &&
    typeof (value as Monitor).snapshot === 'function'
  );
}

/**
 * Checks a run snapshot's envelope (the monitor snapshot inside is checked by
 * `createMonitor`); `owner` names the adapter in the message ("Invalid loop snapshot: ...").
 */
export function parseRunSnapshot(input: unknown, owner: string): RunSnapshot {
  const fail = (path: string, value: unknown, rule: string) =>
    new AnnealError('INVALID_SNAPSHOT', `Invalid ${owner} snapshot: ${path || '(root)'}: ${rule} (got ${describeValue(value)})`, [
      { path, value, rule },
    ]);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw fail('', input, 'must be an object');
  const record = input as Record<string, unknown>;
  if (record.version !== runSnapshotVersion) {
    throw fail('version', record.version, `must be ${runSnapshotVersion} (the format this version of @anneal/${owner} reads)`);
  }
  for (const key of ['step', 'epoch'] as const) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw fail(key, value, 'must be an integer >= 0');
  }
  if (record.monitor === null || typeof record.monitor !== 'object') throw fail('monitor', record.monitor, 'must be a monitor snapshot');
  const base = record.baseLearningRate;
  if (base !== undefined && !(typeof base === 'number' && Number.isFinite(base) && base >= 0)) {
    throw fail('baseLearningRate', base, 'must be a finite number >= 0 when present');
  }
  if (record.schedule !== undefined && record.schedule !== 'function') throw fail('schedule', record.schedule, 'must be "function" when present');
  if (record.interval !== undefined && record.interval !== 'batch' && record.interval !== 'epoch') {
    throw fail('interval', record.interval, 'must be "batch" or "epoch" when present');
  }
  return record as unknown as RunSnapshot;
}
