import type { RunChart, RunEvent } from './run-chart.js';
import { createRunLines } from './run-lines.js';
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

/** What is known of a run before it is replayed (`anneal simulate` checks its log first). */
export interface RunRange {
  readonly axis: 'step' | 'epoch';
  /** How many observations the run has. */
  readonly count: number;
  /** The smallest and largest x on `axis`. */
  readonly xMin: number;
  readonly xMax: number;
}

export interface RunRecorder {
  add(record: SimulationRecord): void;
  chart(options: SimulationChartOptions): RunChart;
}

/** Events kept before a long run's are thinned (to at most 3 · buckets) as they come. */
const eventsKept = (buckets: number) => 16 * buckets;

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
 * Given the run's `range` (its axis, length and x extent, known before the replay), a
 * long run is reduced as it is recorded and nothing per observation is kept: memory
 * O(buckets) whatever the length, and the same chart as without the range.
 *
 * @example
 * const recorder = createRunRecorder();
 * for (const record of records) recorder.add(record);
 * renderSvg(runChartSpec(recorder.chart({ metric: 'val_loss' })));
 */
export function createRunRecorder(buckets = defaultBuckets, range?: RunRange): RunRecorder {
  if (range !== undefined && range.count > 4 * buckets) return createLongRunRecorder(range, buckets);
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
      const atX = events.map(({ index, type, label }) => ({ x: x[index] as number, type, label, count: 1 }));
      return { metric: options.metric, axis, metricLine: drawn.metric, lrLine: drawn.lr, events: drawnEvents(atX, buckets), title: options.title };
    },
  };
}

/** A run longer than 4 · buckets over a known range: lines reduced as they come, events thinned when many. */
function createLongRunRecorder(range: RunRange, buckets: number): RunRecorder {
  const reduced = createRunLines(range.xMin, range.xMax, buckets);
  let events: CountedEvent[] = [];
  return {
    add(record) {
      const x = range.axis === 'epoch' ? (typeof record.epoch === 'number' ? record.epoch : Number.NaN) : record.step;
      let before = Number.NaN;
      for (const event of record.events) {
        const drawn = eventOf(event);
        if (drawn === undefined) continue;
        if ((event.type === 'drop' || event.type === 'restart') && event.from !== undefined) before = event.from;
        events.push({ x, ...drawn, count: 1 });
      }
      if (events.length >= eventsKept(buckets)) events = thinEvents(events, buckets);
      reduced.add(x, typeof record.value === 'number' ? record.value : Number.NaN, record.lr, before);
    },
    chart(options) {
      const drawn = reduced.result();
      return { metric: options.metric, axis: range.axis, metricLine: drawn.metric, lrLine: drawn.lr, events: drawnEvents(events, buckets), title: options.title };
    },
  };
}

/** The metric and rate lines: as recorded when short, reduced by M4 when long (see `createRunLines`). */
function lines(x: Float64Array, value: Float64Array, lr: Float64Array, before: Float64Array, buckets: number) {
  const n = x.length;
  if (n <= 4 * buckets) {
    const lrX: number[] = [];
    const lrY: number[] = [];
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
  const reduced = createRunLines(xMin, xMax, buckets);
  for (let i = 0; i < n; i++) reduced.add(x[i] as number, value[i] as number, lr[i] as number, before[i] as number);
  return reduced.result();
}

/** An event and how many of its kind it stands for in its column (1 until thinned). */
interface CountedEvent extends RunEvent {
  readonly count: number;
}

/** At most one event of each kind per column; the kept one counts the ones it stands for. */
function thinEvents(events: readonly CountedEvent[], buckets: number): CountedEvent[] {
  let xMin = Infinity;
  let xMax = -Infinity;
  for (const { x } of events) {
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
  }
  const width = xMax - xMin;
  const kept = new Map<string, { event: CountedEvent; count: number }>();
  for (const event of events) {
    const b = width > 0 ? Math.min(buckets - 1, Math.floor(((event.x - xMin) / width) * buckets)) : 0;
    const key = `${b} ${event.type}`;
    const entry = kept.get(key);
    if (entry === undefined) kept.set(key, { event, count: event.count });
    else entry.count += event.count;
  }
  return [...kept.values()].map(({ event, count }) => ({ ...event, count }));
}

/** The events to draw: thinned when more than `buckets`, each labelled with how many more it stands for. */
function drawnEvents(events: readonly CountedEvent[], buckets: number): RunEvent[] {
  const shown = events.length > buckets ? thinEvents(events, buckets) : events;
  return shown.map(({ x, type, label, count }) => ({ x, type, label: count === 1 ? label : `${label} +${count - 1} more` }));
}
