import { exponentialDecay } from '@anneal/core';
import { describe, expect, it } from 'vitest';
import { createM4 } from '../src/plot/downsample.js';
import { sampleSchedule } from '../src/plot/sample.js';

// A deterministic noisy signal: a decay plus a hash-like wobble, so extremes fall anywhere in a column.
const n = 100_000;
const xs = Float64Array.from({ length: n }, (_, i) => i);
const ys = Float64Array.from(xs, (x) => Math.exp(-x / 30_000) + 0.2 * Math.sin(x * 12.9898) * Math.sin(x * 0.0101));

describe('createM4', () => {
  it('keeps, per column, the first and last point and the smallest and largest value, x ascending, at most 4 per column', () => {
    const buckets = 250;
    const m4 = createM4(0, n - 1, buckets);
    // Fed in uneven chunks: the result must not depend on how the data arrives.
    for (let i = 0; i < n; i += 7_777) m4.add(xs.subarray(i, i + 7_777), ys.subarray(i, i + 7_777));
    const { x, y } = m4.result();
    expect(x.length).toBeLessThanOrEqual(4 * buckets);
    for (let i = 1; i < x.length; i++) expect(x[i] as number).toBeGreaterThan(x[i - 1] as number);
    const kept = new Map(Array.from(x, (px, i) => [px, y[i]]));
    // Brute force over the same columns: floor(x / (n - 1) · buckets), the last column closed.
    const columns: number[][] = Array.from({ length: buckets }, () => []);
    for (const px of xs) columns[Math.min(buckets - 1, Math.floor((px / (n - 1)) * buckets))]?.push(px);
    for (const members of columns) {
      const values = members.map((px) => ys[px] as number);
      expect(kept.get(members[0] as number)).toBe(ys[members[0] as number]);
      expect(kept.get(members.at(-1) as number)).toBe(ys[members.at(-1) as number]);
      const inColumn = Array.from(x).filter((px) => px >= (members[0] as number) && px <= (members.at(-1) as number));
      const keptValues = inColumn.map((px) => kept.get(px) as number);
      expect(Math.min(...keptValues)).toBe(Math.min(...values));
      expect(Math.max(...keptValues)).toBe(Math.max(...values));
    }
  });

  it('returns a flat series as its first and last point per column, without duplicates', () => {
    const m4 = createM4(0, 9, 2);
    m4.add(Float64Array.from({ length: 10 }, (_, i) => i), new Float64Array(10).fill(0.5));
    expect(Array.from(m4.result().x)).toEqual([0, 4, 5, 9]);
  });
});

describe('sampleSchedule', () => {
  // Reference: TensorFlow learning_rate_decay.py, 0.1 · 0.5^(t / 100).
  const schedule = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 });

  it('keeps every step when there are at most 4 · buckets of them, and orders a shuffled list by step', () => {
    const { x, y } = sampleSchedule(schedule, Float64Array.from([300, 0, 100, 200]), 1);
    expect(Array.from(x)).toEqual([0, 100, 200, 300]);
    expect(Array.from(y)).toEqual([0.1, 0.05, 0.025, 0.0125].map((v) => expect.closeTo(v, 15)));
  });

  it('reduces longer inputs by M4 to at most 4 · buckets points that keep both ends', () => {
    const steps = Float64Array.from({ length: 10_001 }, (_, i) => i);
    const { x, y } = sampleSchedule(schedule, steps, 100);
    expect(x.length).toBeLessThanOrEqual(400);
    expect(x.length).toBeGreaterThan(100);
    expect([x[0], x.at(-1)]).toEqual([0, 10_000]);
    expect((y.at(-1) as number) / (0.1 * 0.5 ** 100)).toBeCloseTo(1, 12);
  });
});
