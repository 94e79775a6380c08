import { createM4, type XY } from './downsample.js';
import type { RunChart, RunEvent } from './run-chart.js';
import { defaultBuckets } from './sample.js';
import type { SimulationChartOptions, SimulationRecord } from './simulation-run.js';

/** A growable column of doubles: 8 bytes a record instead of an object per record. */
class Column {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  get values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** A short number for a label: 0.1, 0.05, 3.2e-5. */
function short(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** The label of a drop, restart or stop (`drop ×0.1 (plateau)`); undefined for other events. */
function eventOf(event: SimulationRecord['events'][number]): { type: RunEvent['type']; label: string } | undefined {
  const by = event.rule === undefined ? '' : `(${event.rule})`;
  const label = (...parts: string[]) => parts.filter(Boolean).join(' ');
  if (event.type === 'drop') {
    const { from, to } = event;
    const factor = from !== undefined && to !== undefined && from > 0 ? `×${short(to / from)}` : '';
    return { type: 'drop', label: label('drop', factor, by) };
  }
  if (event.type === 'restart') return { type: 'restart', label: label('restart', event.restart?.toString() ?? '', by) };
  if (event.type === 'stop') return { type: 'stop', label: label('stop', by) };
  return undefined;
}

/**
 * Collects `anneal simulate` records for the run chart without keeping them: five
 * numbers per observation (step, epoch, metric, rate, rate before a change) in typed
 * columns, 40 bytes each, plus the drops, restarts and stops. `chart()` then draws
 * every observation of a short run, and reduces a long one (more than 4 · buckets
 * observations) by M4 per line like `anneal plot` (see `createM4`): the metric's
 * envelope, every jump of the rate and every gap (a non-finite metric) are kept, and
 * the chart holds at most about 4 · buckets points per line, whatever the log's length.
 * Events are kept one per kind and column when there are more than `buckets` of them,
 * labelled with how many more the column holds.
 *
 * @example
 * const recorder = createRunRecorder();
 * for (const record of records) recorder.add(record);
 * renderSvg(runChartSpec(recorder.chart({ metric: 'val_loss' })));
 */
export function createRunRecorder(buckets = defaultBuckets) {
  const step = new Column();
  const epoch = new Column();
  const value = new Column();
  const lr = new Column();
  const lrBefore = new Column();
  const events: { index: number; type: RunEvent['type']; label: string }[] = [];
  let everyEpoch = true;

  return {
    add(record: SimulationRecord): void {
      const index = step.length;
      let before = Number.NaN;
      for (const event of record.events) {
        const drawn = eventOf(event);
        if (drawn === undefined) continue;
        if ((event.type === 'drop' || event.type === 'restart') && event.from !== undefined) before = event.from;
        events.push({ index, ...drawn });
      }
      step.push(record.step);
      const e = record.epoch;
      everyEpoch &&= typeof e === 'number';
      epoch.push(typeof e === 'number' ? e : Number.NaN);
      value.push(typeof record.value === 'number' ? record.value : Number.NaN);
      lr.push(record.lr);
      lrBefore.push(before);
    },

    chart(options: SimulationChartOptions): RunChart {
      const axis = options.axis ?? (options.logHasSteps === false && step.length > 0 && everyEpoch ? 'epoch' : 'step');
      const x = (axis === 'epoch' ? epoch : step).values;
      const drawn = lines(x, value.values, lr.values, lrBefore.values, buckets);
      const atX = events.map(({ index, type, label }) => ({ x: x[index] as number, type, label }));
      return {
        metric: options.metric,
        axis,
        metricLine: drawn.metric,
        lrLine: drawn.lr,
        events: atX.length > buckets ? thinEvents(atX, buckets) : atX,
        title: options.title,
      };
    },
  };
}

/** The metric and rate lines: as recorded when short, reduced by M4 when long. */
function lines(x: Float64Array, value: Float64Array, lr: Float64Array, before: Float64Array, buckets: number) {
  const n = x.length;
  const lrX: number[] = [];
  const lrY: number[] = [];
  if (n <= 4 * buckets) {
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(before[i] as number)) lrX.push(x[i] as number), lrY.push(before[i] as number);
      lrX.push(x[i] as number), lrY.push(lr[i] as number);
    }
    return { metric: { x: x.slice(), y: value.slice() }, lr: { x: Float64Array.from(lrX), y: Float64Array.from(lrY) } };
  }
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    if (xi < xMin) xMin = xi;
    if (xi > xMax) xMax = xi;
  }
  // The metric: M4 of the finite values, and a NaN point (a break in the line) in each
  // column where the metric was not finite, at the first such x.
  const metric = createM4(xMin, xMax, buckets);
  const gapAt = new Float64Array(buckets).fill(Number.NaN);
  const width = xMax - xMin;
  const one = { x: new Float64Array(1), y: new Float64Array(1) };
  const rate = createM4(xMin, xMax, buckets);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const vi = value[i] as number;
    if (Number.isFinite(vi)) {
      one.x[0] = xi;
      one.y[0] = vi;
      metric.add(one.x, one.y);
    } else {
      const b = width > 0 ? Math.min(buckets - 1, Math.floor(((xi - xMin) / width) * buckets)) : 0;
      if (Number.isNaN(gapAt[b] as number) || xi < (gapAt[b] as number)) gapAt[b] = xi;
    }
    // A rate change is drawn upright: the rate before it and after it at the same x.
    one.x[0] = xi;
    if (!Number.isNaN(before[i] as number)) {
      one.y[0] = before[i] as number;
      rate.add(one.x, one.y);
    }
    one.y[0] = lr[i] as number;
    rate.add(one.x, one.y);
  }
  return { metric: withGaps(metric.result(), gapAt), lr: rate.result() };
}

/** Inserts a NaN point at each gap's x, keeping x ascending. */
function withGaps(line: XY, gapAt: Float64Array): XY {
  const gaps = Array.from(gapAt).filter((g) => !Number.isNaN(g));
  if (gaps.length === 0) return line;
  const x: number[] = [];
  const y: number[] = [];
  let g = 0;
  for (let i = 0; i < line.x.length; i++) {
    const xi = line.x[i] as number;
    while (g < gaps.length && (gaps[g] as number) <= xi) x.push(gaps[g++] as number), y.push(Number.NaN);
    x.push(xi), y.push(line.y[i] as number);
  }
  while (g < gaps.length) x.push(gaps[g++] as number), y.push(Number.NaN);
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}

/** At most one event of each kind per column; the kept one says how many it stands for. */
function thinEvents(events: readonly RunEvent[], buckets: number): RunEvent[] {
  let xMin = Infinity;
  let xMax = -Infinity;
  for (const { x } of events) {
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
  }
  const width = xMax - xMin;
  const kept = new Map<string, { event: RunEvent; count: number }>();
  for (const event of events) {
    const b = width > 0 ? Math.min(buckets - 1, Math.floor(((event.x - xMin) / width) * buckets)) : 0;
    const key = `${b} ${event.type}`;
    const entry = kept.get(key);
    if (entry === undefined) kept.set(key, { event, count: 1 });
    else entry.count++;
  }
  return [...kept.values()].map(({ event, count }) =>
    count === 1 ? event : { ...event, label: `${event.label} +${count - 1} more` },
  );
}
