import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMonitor, createMonitor, type Decision, type MonitorConfigInput } from '@anneal/monitor';
import { monitorConfig, replay } from './rule-conformance.js';

// Hand-computed tables (the arithmetic is written out in each comment).
const run = (smoothing: Record<string, unknown>, metrics: number[], rules: Record<string, unknown>[] = []) =>
  replay(compileMonitor(monitorConfig(rules, { smoothing } as Record<string, unknown>)), metrics);
const values = (rows: ReturnType<typeof run>) =>
  rows.map((row) => (row.decisions.find((d) => d.type === 'improve' || d.type === 'badEvaluation') as { value: number }).value);

describe('smoothing', () => {
  it('ema: bias-corrected, s = β·s + (1 − β)·x, value s / (1 − βⁿ), as fastai', () => {
    // β 0.5: s1 = 2 → 2/0.5 = 4; s2 = 1 + 1 = 2 → 2/0.75; s3 = 1 + 0.5 = 1.5 → 1.5/0.875.
    const rows = run({ kind: 'ema', beta: 0.5 }, [4, 2, 1]);
    expect(values(rows)).toEqual([4, 2 / 0.75, 1.5 / 0.875]);
    // β 0.9: s1 = 0.1·10 = 1 → 1/0.1 = 10; s2 = 0.9 + 0.1·20 = 2.9 → 2.9/0.19.
    expect(values(run({ kind: 'ema', beta: 0.9 }, [10, 20]))[1]).toBeCloseTo(2.9 / 0.19, 12);
  });

  it('mean over the last n finite values, fewer at the start', () => {
    // window 3: 3 → 3; (3+6)/2 = 4.5; (3+6+9)/3 = 6; (6+9+0)/3 = 5.
    expect(values(run({ kind: 'mean', window: 3 }, [3, 6, 9, 0]))).toEqual([3, 4.5, 6, 5]);
  });

  it('median over the last n finite values (mean of the middle two for an even count)', () => {
    // window 3: [5] → 5; [5,1] → 3; [5,1,9] → 5; [1,9,2] → 2.
    expect(values(run({ kind: 'median', window: 3 }, [5, 1, 9, 2]))).toEqual([5, 3, 5, 2]);
  });

  it('lets a non-finite value bypass the smoother: rules see it as is, the memory is unchanged', () => {
    // ema β 0.5 over 4, NaN, 2: the NaN leaves s = 2, n = 1; then s = 1 + 1 = 2, n = 2 → 2/0.75.
    const rows = run({ kind: 'ema', beta: 0.5 }, [4, Number.NaN, 2]);
    expect(rows[1]?.decisions.map((d) => d.type)).toEqual(['nan', 'badEvaluation']);
    expect((rows[1]?.decisions[1] as { value: number }).value).toBeNaN();
    expect(rows[1]?.state.smoother).toEqual({ kind: 'ema', s: 2, n: 1 });
    expect(values(rows)[2]).toBe(2 / 0.75);
    // mean window 2 over 1, Infinity, 3: the window stays [1], then [1, 3] → 2.
    expect(values(run({ kind: 'mean', window: 2 }, [1, Infinity, 3]))).toEqual([1, Infinity, 2]);
  });

  it('makes best, improve/badEvaluation decisions and rules use the smoothed value, decisions carrying the raw one', () => {
    // mean window 2: 4 → 4 (improve); 2 → 3 (improve); 6 → 4 (bad: 4 > 3).
    const rows = run({ kind: 'mean', window: 2 }, [4, 2, 6]);
    const decisions = rows.map((row) => row.decisions[0] as Decision);
    expect(decisions).toEqual([
      { type: 'improve', step: 1, value: 4, previous: null, raw: 4 },
      { type: 'improve', step: 2, value: 3, previous: 4, raw: 2 },
      { type: 'badEvaluation', step: 3, value: 4, best: 3, count: 1, raw: 6 },
    ]);
    expect(rows[2]?.state.best).toBe(3);
  });

  it('absorbs a one-off spike that makes a plateau rule on the raw metric drop', () => {
    // patience 1: the raw series has two bad evaluations in a row (1.3, 0.92 vs best 0.9).
    const noisy = [1, 0.9, 1.3, 0.92, 0.8];
    const plateau = [{ kind: 'plateau', patience: 1, compat: 'torch' }];
    const drops = (rows: ReturnType<typeof run>) => rows.flatMap((r) => r.decisions.filter((d) => d.type === 'drop')).map((d) => d.step);
    expect(drops(replay(compileMonitor(monitorConfig(plateau)), noisy))).toEqual([4]);
    // median of 3: 1, 0.95, 1 (bad), 0.92 (median of 0.9, 1.3, 0.92: improves), 0.92 (bad): never two in a row.
    const smoothed = run({ kind: 'median', window: 3 }, noisy, plateau);
    expect(values(smoothed)).toEqual([1, 0.95, 1, 0.92, 0.92]);
    expect(drops(smoothed)).toEqual([]);
  });

  it('is kept in the snapshot and resumed exactly', () => {
    const config = { initialLearningRate: 0.1, metric: 'loss', smoothing: { kind: 'median', window: 3 } } satisfies MonitorConfigInput;
    const first = createMonitor(config);
    for (const loss of [5, 1, 9]) first.observe({ metrics: { loss } });
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snapshot.state.smoother).toEqual({ kind: 'median', values: [5, 1, 9] });
    const resumed = createMonitor(config, { restore: snapshot });
    expect(resumed.observe({ metrics: { loss: 2 } })).toEqual(first.observe({ metrics: { loss: 2 } }));
  });

  it('stays finite where the sum of finite values overflows, so best is finite and the snapshot restores', () => {
    // mean and median of −1e308 and −1.7e308 are −1.35e308 (the sum, −2.7e308, is not a double).
    expect(values(run({ kind: 'mean', window: 2 }, [-1e308, -1.7e308]))).toEqual([-1e308, -1.35e308]);
    expect(values(run({ kind: 'median', window: 2 }, [1.7e308, 1.5e308]))).toEqual([1.7e308, 1.6e308]);
    // ema of MAX_VALUE twice is MAX_VALUE; rounding of β·s + (1 − β)·x must not carry it to Infinity.
    const max = Number.MAX_VALUE;
    for (const beta of [0.5, 1 / 3, 0.9, 1 - 1e-7]) {
      for (const v of values(run({ kind: 'ema', beta }, [max, max, max, -max]))) expect(Number.isFinite(v)).toBe(true);
    }
    for (const smoothing of [{ kind: 'mean', window: 3 }, { kind: 'median', window: 2 }, { kind: 'ema', beta: 1 - 1e-7 }] as const) {
      const config = { initialLearningRate: 0.1, metric: 'loss', smoothing } satisfies MonitorConfigInput;
      const first = createMonitor(config);
      for (const loss of [-1e308, -1.7e308, -max, 1]) first.observe({ metrics: { loss } });
      expect(Number.isFinite(first.state.best)).toBe(true);
      const resumed = createMonitor(config, { restore: JSON.parse(JSON.stringify(first.snapshot())) });
      expect(resumed.observe({ metrics: { loss: 2 } })).toEqual(first.observe({ metrics: { loss: 2 } }));
    }
  });

  it('median: the textbook median (sort, take the middle one or the mean of the middle two) of every window, duplicates included', () => {
    const reference = (window: number[]) => {
      const sorted = [...window].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    };
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(value, { minLength: 1, maxLength: 40 }), (window, metrics) => {
        const smoothed = values(run({ kind: 'median', window }, metrics));
        // + 0: −0 and 0 are the same median (their order among equal values is not specified).
        metrics.forEach((_, i) => expect((smoothed[i] as number) + 0).toBe((reference(metrics.slice(Math.max(0, i + 1 - window), i + 1)) as number) + 0));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bad options naming the field', () => {
    expect(() => compileMonitor(monitorConfig([], { smoothing: { kind: 'ema', beta: 1 } }))).toThrow(/smoothing\.beta/);
    expect(() => compileMonitor(monitorConfig([], { smoothing: { kind: 'mean', window: 0 } }))).toThrow(/smoothing\.window/);
    // A window is copied at every observation and carried by every snapshot: 10 000 values at most.
    expect(compileMonitor(monitorConfig([], { smoothing: { kind: 'median', window: 10_000 } })).config.smoothing).toEqual({ kind: 'median', window: 10_000 });
    expect(() => compileMonitor(monitorConfig([], { smoothing: { kind: 'median', window: 10_001 } }))).toThrow(
      /smoothing\.window: must be <= 10000 \(a window is copied at every observation and kept in every snapshot\) \(got 10001\)/,
    );
    expect(() => compileMonitor(monitorConfig([], { smoothing: { kind: 'mode', window: 3 } } as Record<string, unknown>))).toThrow(/smoothing/);
  });
});
