import type { TopLevelSpec } from 'vega-lite';
import type { XY } from './downsample.js';
import { vegaLiteSchema } from './schedule-chart.js';

/** The events a run chart marks. */
export type RunEventType = 'drop' | 'restart' | 'stop';

/** A drop, restart or stop, drawn as a rule with a label. */
export interface RunEvent {
  readonly x: number;
  readonly type: RunEventType;
  readonly label: string;
}

export interface RunChart {
  /** Name of the monitored metric (the upper panel's axis title). */
  readonly metric: string;
  /** What x counts. */
  readonly axis: 'step' | 'epoch';
  /** The monitored metric over x, in drawing order; NaN leaves a gap in the line. */
  readonly metricLine: XY;
  /** The rate over x, in drawing order; a change is two points at one x (before, after). */
  readonly lrLine: XY;
  readonly events: readonly RunEvent[];
  readonly title?: string | undefined;
}

const eventColors: Record<RunEventType, string> = { drop: '#f58518', restart: '#54a24b', stop: '#e45756' };

/**
 * True when the rates are all > 0 and the largest is more than ten times the
 * smallest: then a log axis shows each drop as the same height, a linear one would
 * flatten everything after the first.
 */
export function spansDecades(rates: readonly number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const r of rates) {
    if (!(r > 0)) return false;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return max > 10 * min;
}

/**
 * The Vega-Lite spec of an adaptive run: two panels over one shared x axis, the
 * monitored metric above and the learning rate below (log scale when it spans more
 * than a decade), with a vertical rule in both panels at every drop, restart and
 * stop, and its label at the top of the metric panel.
 *
 * @example renderSvg(runChartSpec(simulationRunChart(records, { metric: 'val_loss' })))
 */
export function runChartSpec(run: RunChart): TopLevelSpec {
  const x = { field: 'x', type: 'quantitative', title: run.axis, scale: { nice: false } } as const;
  const metricRows = Array.from(run.metricLine.x, (px, i) => {
    const value = run.metricLine.y[i] as number;
    return { i, x: px, value: Number.isFinite(value) ? value : null };
  });
  const lrRows = Array.from(run.lrLine.x, (px, i) => ({ i, x: px, lr: run.lrLine.y[i] as number }));
  const logLr = spansDecades(lrRows.map((row) => row.lr));
  const events = run.events.map((e) => ({ x: e.x, type: e.type, label: e.label }));
  const color = {
    field: 'type',
    type: 'nominal',
    scale: { domain: Object.keys(eventColors), range: Object.values(eventColors) },
    legend: null,
  } as const;
  const rules = { data: { values: events }, mark: { type: 'rule', strokeDash: [4, 3] as number[] }, encoding: { x, color } } as const;
  const label = ({ name, ...style }: { name: string; stroke?: string; strokeWidth?: number; aria?: boolean }) =>
    ({
      name,
      data: { values: events },
      mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -4, dy: -3, fontSize: 10, ...style },
      encoding: { x, y: { value: 0 }, text: { field: 'label' }, ...(style.stroke ? {} : { color }) },
    }) as const;

  return {
    $schema: vegaLiteSchema,
    ...(run.title === undefined ? {} : { title: run.title }),
    background: 'white',
    spacing: 12,
    resolve: { scale: { x: 'shared' } },
    vconcat: [
      {
        width: 600,
        height: 220,
        layer: [
          {
            data: { values: metricRows },
            // Break the line at non-finite values rather than join across them.
            mark: { type: 'line', point: { size: 14 }, strokeWidth: 1.75, invalid: 'break-paths-show-domains' },
            encoding: {
              x: { ...x, axis: { title: null, labels: false } },
              y: { field: 'value', type: 'quantitative', title: run.metric, scale: { zero: false } },
              order: { field: 'i' },
            },
          },
          ...(events.length ? [rules] : []),
          // Each label twice: a white halo first, so it stays legible where it crosses the line.
          ...(events.length ? [label({ name: 'event-label-halo', stroke: 'white', strokeWidth: 3, aria: false }), label({ name: 'event-label' })] : []),
        ],
      },
      {
        width: 600,
        height: 160,
        layer: [
          {
            data: { values: lrRows },
            mark: { type: 'line', strokeWidth: 1.75, color: '#4c78a8' },
            encoding: {
              x,
              y: {
                field: 'lr',
                type: 'quantitative',
                title: 'learning rate',
                axis: { format: '~g' },
                scale: logLr ? { type: 'log' } : { zero: true },
              },
              order: { field: 'i' },
            },
          },
          ...(events.length ? [rules] : []),
        ],
      },
    ],
  };
}
