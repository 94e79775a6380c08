import { type RunSnapshot, runSnapshotVersion } from '@anneal/monitor';

/** The snapshot format this version writes and reads (the monitor's run-snapshot format). */
export const loopSnapshotVersion = runSnapshotVersion;

/**
 * A loop scheduler's position as plain JSON: the monitor's own snapshot plus the
 * global step (calls of `step()`) and the epoch of the next report.
 */
export type LoopSnapshot = RunSnapshot;
