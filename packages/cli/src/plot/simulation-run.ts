import type { RunChart, RunEvent, RunPoint } from './run-chart.js';

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

/** A short number for a label: 0.1, 0.05, 3.2e-5. */
function short(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/**
 * Turns `anneal simulate` records into a run chart: the metric and rate per
 * observation, and a labelled event per drop (`drop ×0.1 (plateau)`), restart
 * (`restart 1 (warmRestart)`) and stop (`stop (earlyStop)`). Rate changes keep their
 * `from` rate so the jump is drawn upright at the observation.
 *
 * @example runChartSpec(simulationRunChart(records, { metric: 'val_loss', logHasSteps: false }))
 */
export function simulationRunChart(records: readonly SimulationRecord[], options: SimulationChartOptions): RunChart {
  const axis =
    options.axis ??
    (options.logHasSteps === false && records.every((r) => typeof r.epoch === 'number') ? 'epoch' : 'step');
  const points: RunPoint[] = [];
  const events: RunEvent[] = [];
  for (const record of records) {
    const x = axis === 'epoch' ? (record.epoch as number) : record.step;
    let lrBefore: number | undefined;
    for (const event of record.events) {
      const by = event.rule === undefined ? '' : `(${event.rule})`;
      const label = (...parts: string[]) => parts.filter(Boolean).join(' ');
      if (event.type === 'drop') {
        lrBefore = event.from;
        const { from, to } = event;
        const factor = from !== undefined && to !== undefined && from > 0 ? `×${short(to / from)}` : '';
        events.push({ x, type: 'drop', label: label('drop', factor, by) });
      } else if (event.type === 'restart') {
        lrBefore = event.from;
        events.push({ x, type: 'restart', label: label('restart', event.restart?.toString() ?? '', by) });
      } else if (event.type === 'stop') {
        events.push({ x, type: 'stop', label: label('stop', by) });
      }
    }
    const value = typeof record.value === 'number' ? record.value : Number.NaN;
    points.push({ x, value, lr: record.lr, lrBefore });
  }
  return { metric: options.metric, axis, points, events, title: options.title };
}
