import { parseOrThrow } from '@anneal/core';
import * as z from 'zod/mini';
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

const count = z.int('must be an integer >= 0').check(z.gte(0, 'must be an integer >= 0'));

// Not strict, as before: a user may keep metadata of their own beside the members (they are dropped).
const runSnapshotSchema: z.ZodMiniType<RunSnapshot> = z.object(
  {
    version: z.literal(runSnapshotVersion, `must be ${runSnapshotVersion} (the run-snapshot format this version of anneal reads)`),
    step: count,
    epoch: count,
    // Checked by createMonitor (against its config), not here.
    monitor: z.custom<MonitorSnapshot>((value) => value !== null && typeof value === 'object', 'must be a monitor snapshot'),
    baseLearningRate: z.optional(
      z.number('must be a finite number >= 0 when present').check(z.gte(0, 'must be a finite number >= 0 when present')),
    ),
    schedule: z.optional(z.literal('function', 'must be "function" when present')),
    interval: z.optional(z.enum(['batch', 'epoch'], 'must be "batch" or "epoch" when present')),
  },
  'must be an object',
);

/**
 * Checks a run snapshot's envelope (the monitor snapshot inside is checked by
 * `createMonitor`); `owner` names the adapter in the message ("Invalid loop snapshot: ...").
 * Every bad member is listed, each with its path, value and rule.
 *
 * @example parseRunSnapshot(JSON.parse(text), 'loop') // or: Invalid loop snapshot: step: must be an integer >= 0 (got -1)
 */
export function parseRunSnapshot(input: unknown, owner: string): RunSnapshot {
  return parseOrThrow(runSnapshotSchema, input, `${owner} snapshot`, 'INVALID_SNAPSHOT');
}
