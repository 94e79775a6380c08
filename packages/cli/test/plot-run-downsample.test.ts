import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunRecorder } from '../src/plot/run-recorder.js';
import type { SimulationRecord } from '../src/plot/simulation-run.js';
import { marksOf, parseSvg } from './plot-svg.js';
import { runCli, tempDir, tempFile } from './run-cli.js';

/** A deterministic noisy value in [0, 1) for step i (an integer hash, no Math.random). */
const noise = (i: number) => ((Math.imul(i + 1, 2_654_435_761) >>> 0) % 10_000) / 10_000;

/**
 * n records: the metric noisy in [1, 2) with one spike to 9 and one low of 0.25, NaN at
 * one step; the rate 0.1, dropped ×0.5 at every 10 000th step.
 */
function longRun(n: number): SimulationRecord[] {
  const records: SimulationRecord[] = [];
  let lr = 0.1;
  for (let i = 0; i < n; i++) {
    const events: SimulationRecord['events'][number][] = [];
    if (i > 0 && i % 10_000 === 0) {
      events.push({ type: 'drop', rule: 'plateau', from: lr, to: lr / 2 });
      lr /= 2;
    }
    const value = i === 12_345 ? 9 : i === 54_321 ? 0.25 : i === 77_777 ? Number.NaN : 1 + noise(i);
    records.push({ step: i, value, lr, events });
  }
  return records;
}

describe('simulate --plot on a long run: M4 like anneal plot', () => {
  const n = 100_000;
  const records = longRun(n);
  const recorder = createRunRecorder();
  for (const record of records) recorder.add(record);
  const chart = recorder.chart({ metric: 'loss' });

  it('keeps at most 4 points per column and line (1000 columns), plus a break per column with a NaN', () => {
    expect(chart.metricLine.x.length).toBeLessThanOrEqual(4 * 1000 + 1000);
    expect(chart.lrLine.x.length).toBeLessThanOrEqual(4 * 1000);
    for (const line of [chart.metricLine, chart.lrLine]) {
      for (let i = 1; i < line.x.length; i++) expect(line.x[i]).toBeGreaterThanOrEqual(line.x[i - 1] as number);
    }
  });

  it('keeps the metric’s envelope: the spike, the low and both ends, and a break at the NaN', () => {
    const points = Array.from(chart.metricLine.x, (x, i) => [x, chart.metricLine.y[i]]);
    expect(points).toContainEqual([12_345, 9]);
    expect(points).toContainEqual([54_321, 0.25]);
    expect(points[0]).toEqual([0, records[0]?.value]);
    expect(points.at(-1)).toEqual([n - 1, records[n - 1]?.value]);
    expect(points.filter(([, y]) => Number.isNaN(y))).toEqual([[77_777, Number.NaN]]);
  });

  it('keeps every drop of the rate upright: the rate before and after it at its step', () => {
    const points = Array.from(chart.lrLine.x, (x, i) => [x, chart.lrLine.y[i]]);
    for (let k = 1; k < 10; k++) {
      const before = 0.1 / 2 ** (k - 1);
      const at = points.filter(([x]) => x === k * 10_000).map(([, y]) => y);
      expect(at).toEqual([before, before / 2]);
    }
  });

  it('draws a short run point for point, in record order (no reduction)', () => {
    const short = createRunRecorder();
    const few = longRun(3000);
    for (const record of few) short.add(record);
    const drawn = short.chart({ metric: 'loss' });
    expect(Array.from(drawn.metricLine.x)).toEqual(few.map((r) => r.step));
    expect(drawn.lrLine.x.length).toBe(3000);
  });

  it('keeps one event of a kind per column when there are more events than columns, saying how many more', () => {
    const busy = createRunRecorder();
    for (let i = 0; i < 20_000; i++) busy.add({ step: i, value: 1, lr: 0.1, events: [{ type: 'drop', rule: 'r', from: 0.2, to: 0.1 }] });
    const { events } = busy.chart({ metric: 'loss' });
    expect(events.length).toBeLessThanOrEqual(1000);
    const standsFor = events.map((e) => 1 + Number(/\+(\d+) more$/.exec(e.label)?.[1] ?? 0));
    expect(standsFor.reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it('end to end: a 20 000-line log gives an SVG of bounded size with both lines', async () => {
    const log = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ step: i + 1, metrics: { loss: 1 + noise(i) } })).join('\n');
    const svgPath = join(tempDir, 'long-run.svg');
    const monitor = tempFile({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateau', patience: 500 }] });
    const result = await runCli(['simulate', monitor, '--metrics', tempFile(log, 'long-run.jsonl'), '--plot', svgPath]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const svg = readFileSync(svgPath, 'utf8');
    expect(marksOf(parseSvg(svg), 'line mark')).toHaveLength(2);
    // Point for point, the metric's symbols alone would take > 20 000 path elements.
    expect((svg.match(/<path/g) ?? []).length).toBeLessThan(6000);
    expect(statSync(svgPath).size).toBeLessThan(2_000_000);
  });
});
