import type { RunChart } from './run-chart.js';
import { createRunRecorder } from './run-recorder.js';

/** One line of `anneal simulate` output, as far as the chart reads it. */
export interface SimulationRecord {
  readonly step: number;
  readonly epoch?: number | null | undefined;
  /** The monitored metric (NaN, ±Infinity or null when not finite or missing). */
  readonly value: number | null | undefined;
  /** The rate in effect after the observation. */
  readonly lr: number;
  readonly events: readonly {
    readonly type: string;
    readonly rule?: string | undefined;
    readonly from?: number | undefined;
    readonly to?: number | undefined;
    readonly restart?: number | undefined;
  }[];
}

export interface SimulationChartOptions {
  readonly metric: string;
  /** x axis: `step`, or `epoch` (the default when the log has no steps and every record an epoch). */
  readonly axis?: 'step' | 'epoch' | undefined;
  /** Whether the metrics log gave steps; without them the monitor only counted observations. */
  readonly logHasSteps?: boolean | undefined;
  readonly title?: string | undefined;
}

/**
 * Turns `anneal simulate` records into a run chart: the metric and rate per
 * observation, and a labelled event per drop (`drop ×0.1 (plateau)`), restart
 * (`restart 1 (warmRestart)`) and stop (`stop (earlyStop)`). Rate changes keep their
 * `from` rate so the jump is drawn upright at the observation. A long run is reduced
 * by M4 like `anneal plot` (see `createRunRecorder`, which `anneal simulate` feeds as
 * it replays, without keeping the records).
 *
 * @example runChartSpec(simulationRunChart(records, { metric: 'val_loss', logHasSteps: false }))
 */
export function simulationRunChart(records: Iterable<SimulationRecord>, options: SimulationChartOptions): RunChart {
  const recorder = createRunRecorder();
  for (const record of records) recorder.add(record);
  return recorder.chart(options);
}
