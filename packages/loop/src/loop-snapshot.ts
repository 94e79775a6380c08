import { AnnealError, describeValue } from '@anneal/core';
import type { MonitorSnapshot } from '@anneal/monitor';

/** The snapshot format this version writes and reads. */
export const loopSnapshotVersion = 1;

/**
 * A loop scheduler's position as plain JSON: the monitor's own snapshot plus the
 * global step and the epoch counter, which the monitor does not know about.
 */
export interface LoopSnapshot {
  readonly version: typeof loopSnapshotVersion;
  /** Steps taken (calls of `step()`). */
  readonly step: number;
  /** Epoch of the next report. */
  readonly epoch: number;
  readonly monitor: MonitorSnapshot;
}

/** Checks the envelope; the monitor snapshot inside is checked by `createMonitor`. */
export function parseLoopSnapshot(input: unknown): LoopSnapshot {
  const fail = (path: string, value: unknown, rule: string) =>
    new AnnealError('INVALID_SNAPSHOT', `Invalid loop snapshot: ${path || '(root)'}: ${rule} (got ${describeValue(value)})`, [
      { path, value, rule },
    ]);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw fail('', input, 'must be an object');
  const record = input as Record<string, unknown>;
  if (record.version !== loopSnapshotVersion) {
    throw fail('version', record.version, `must be ${loopSnapshotVersion} (the format this version of @anneal/loop reads)`);
  }
  for (const key of ['step', 'epoch'] as const) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw fail(key, value, 'must be an integer >= 0');
  }
  if (record.monitor === null || typeof record.monitor !== 'object') throw fail('monitor', record.monitor, 'must be a monitor snapshot');
  return record as unknown as LoopSnapshot;
}
