import { AnnealError, describeValue } from '@anneal/core';
import type { TopLevelSpec } from 'vega-lite';
import type { XY } from './downsample.js';

/** One line of a schedule chart: its legend name and its points. */
export interface NamedSeries extends XY {
  readonly name: string;
}

export interface ScheduleChartOptions {
  /** Chart title; none by default. */
  readonly title?: string | undefined;
  /** Logarithmic learning-rate axis; every value must then be > 0. */
  readonly logY?: boolean | undefined;
}

export const vegaLiteSchema = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Beyond ten series the default palette would repeat colours. */
function palette(count: number): 'tableau10' | 'tableau20' {
  return count <= 10 ? 'tableau10' : 'tableau20';
}

/**
 * The Vega-Lite spec of a schedule chart: learning rate against step, one line per
 * series, a legend in series order. The data is inline, so the spec alone renders
 * (and can be restyled in the Vega editor). A log axis with a value <= 0 is refused,
 * naming the series, the step and the value, since the point could not be drawn.
 *
 * @example renderSvg(scheduleChartSpec([{ name: 'cosine', x: steps, y: values }], { logY: true }))
 */
export function scheduleChartSpec(series: readonly NamedSeries[], options: ScheduleChartOptions = {}): TopLevelSpec {
  if (options.logY) for (const line of series) assertPositive(line);
  const values: { step: number; lr: number; schedule: string }[] = [];
  for (const { name, x, y } of series) {
    for (let i = 0; i < x.length; i++) values.push({ step: x[i] as number, lr: y[i] as number, schedule: name });
  }
  const names = series.map((line) => line.name);
  return {
    $schema: vegaLiteSchema,
    ...(options.title === undefined ? {} : { title: options.title }),
    width: 600,
    height: 320,
    background: 'white',
    data: { values },
    mark: { type: 'line', strokeWidth: 1.75, clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'step', scale: { nice: false } },
      y: {
        field: 'lr',
        type: 'quantitative',
        title: 'learning rate',
        axis: { format: '~g' },
        scale: options.logY ? { type: 'log' } : { zero: true },
      },
      color: {
        field: 'schedule',
        type: 'nominal',
        title: 'schedule',
        scale: { domain: names, scheme: palette(names.length) },
        legend: { labelLimit: 280 },
      },
    },
  };
}

function assertPositive({ name, x, y }: NamedSeries): void {
  for (let i = 0; i < y.length; i++) {
    const value = y[i] as number;
    if (value > 0) continue;
    const rule = 'must be > 0 on a log axis (drop --log-y, or plot a range where the rate stays positive)';
    throw new AnnealError(
      'USAGE',
      `--log-y: schedule "${name}" is ${describeValue(value)} at step ${x[i]}, which a log axis cannot show; drop --log-y or plot a range where the rate stays > 0`,
      [{ path: `${name}[step ${x[i]}]`, value, rule }],
    );
  }
}
