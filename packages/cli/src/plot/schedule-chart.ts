import type { TopLevelSpec } from 'vega-lite';
import type { XY } from './downsample.js';

/** One line of a schedule chart: its legend name and its points. */
export interface NamedSeries extends XY {
  readonly name: string;
}

export interface ScheduleChartOptions {
  /** Chart title; none by default. */
  readonly title?: string | undefined;
  /** Logarithmic learning-rate axis; points at rate 0 are then left out, with a note on the chart. */
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
 * (and can be restyled in the Vega editor). A log axis cannot show a rate of 0 (a
 * warmup from 0, a cosine decay with alpha 0): those points are left out, and a note
 * under the title says which.
 *
 * @example renderSvg(scheduleChartSpec([{ name: 'cosine', x: steps, y: values }], { logY: true }))
 */
export function scheduleChartSpec(series: readonly NamedSeries[], options: ScheduleChartOptions = {}): TopLevelSpec {
  // With no rate above 0 a log axis would be empty (its labels read "NaN to NaN"): linear then, and said.
  const logY = options.logY === true && series.some(({ y }) => y.some((lr) => lr > 0));
  const values: { step: number; lr: number; schedule: string }[] = [];
  const leftOut: LeftOut[] = [];
  for (const { name, x, y } of series) {
    let omitted: LeftOut | undefined;
    for (let i = 0; i < x.length; i++) {
      const lr = y[i] as number;
      if (logY && !(lr > 0)) {
        if (omitted === undefined) leftOut.push((omitted = { name, first: x[i] as number, count: 0 }));
        omitted.count += 1;
        continue;
      }
      values.push({ step: x[i] as number, lr, schedule: name });
    }
  }
  const names = series.map((line) => line.name);
  const note = options.logY === true && !logY ? 'no rate above 0, so a linear axis instead of a log one' : leftOutNote(leftOut);
  const title = note === undefined ? options.title : options.title === undefined ? { text: note, fontSize: 11, fontWeight: 'normal' as const } : { text: options.title, subtitle: note };
  return {
    $schema: vegaLiteSchema,
    ...(title === undefined ? {} : { title }),
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
        scale: logY ? { type: 'log' } : { zero: true },
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

interface LeftOut {
  readonly name: string;
  readonly first: number;
  count: number;
}

/** The note for points a log axis cannot show, or undefined when there are none. */
function leftOutNote(leftOut: readonly LeftOut[]): string | undefined {
  if (leftOut.length === 0) return undefined;
  const listed = leftOut.slice(0, 3).map(({ name, first, count }) => `"${name}" ${count} from step ${first}`);
  if (leftOut.length > 3) listed.push(`and ${leftOut.length - 3} more schedules`);
  return `log axis: points at rate 0 left out (${listed.join('; ')})`;
}
