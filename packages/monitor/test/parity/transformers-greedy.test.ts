import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMonitor } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// Parity of the `greedy` rule with transformers' GreedyLR (huggingface/transformers,
// src/transformers/optimization.py, GreedyLR and StreamingAverage). The tables come from
// a line-by-line Python transcription of that source, test/parity/generators/greedy_lr.py
// (run with Debian's python3; not run in CI): for each case, the options, the metric
// series and the rate after each `scheduler.step(metric)`.

interface GreedyCase {
  readonly name: string;
  readonly options: {
    lr: number;
    mode?: 'min' | 'max';
    factor?: number;
    patience?: number;
    threshold?: number;
    threshold_mode?: 'rel' | 'abs';
    cooldown?: number;
    warmup?: number;
    min_lr?: number;
    max_lr?: number;
    eps?: number;
    smooth?: boolean;
    window_size?: number;
    reset_start?: number;
  };
  readonly metrics: readonly number[];
  readonly rates: readonly number[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/greedy-lr.json', import.meta.url), 'utf8')) as { tables: GreedyCase[] };

/** The monitor config mirroring `GreedyLR(SGD(lr), **options)`; GreedyLR's defaults where unset. */
function configFor({ options }: GreedyCase) {
  const rule: Record<string, unknown> = { kind: 'greedy' };
  const names: Record<string, string> = {
    factor: 'factor',
    patience: 'patience',
    threshold: 'threshold',
    threshold_mode: 'thresholdMode',
    cooldown: 'cooldown',
    warmup: 'warmup',
    eps: 'eps',
    smooth: 'smooth',
    window_size: 'windowSize',
    reset_start: 'resetAfter',
  };
  for (const [python, ours] of Object.entries(names)) {
    const value = (options as Record<string, unknown>)[python];
    if (value !== undefined) rule[ours] = value;
  }
  return monitorConfig([rule], {
    initialLearningRate: options.lr,
    mode: options.mode ?? 'min',
    minLr: options.min_lr ?? 1e-3,
    maxLr: options.max_lr ?? 1.0,
  });
}

describe('greedy: parity with transformers GreedyLR', () => {
  it('covers raises, drops, the floor and a reset', () => {
    const all = fixture.tables.flatMap((t) => t.rates.map((r, i) => [r, t.rates[i - 1] ?? t.options.lr] as const));
    expect(all.some(([r, before]) => r > before)).toBe(true);
    expect(all.some(([r, before]) => r < before)).toBe(true);
    const reset = fixture.tables.find((t) => t.name === 'reset at the floor') as GreedyCase;
    expect(reset.rates).toContain(reset.options.min_lr);
    expect(reset.rates.lastIndexOf(reset.options.lr)).toBeGreaterThan(reset.rates.indexOf(reset.options.min_lr as number));
  });

  it.each(fixture.tables.map((t) => [t.name, t] as const))('%s: the same rate after every step, to 1e-12', (_name, table) => {
    const rows = replay(compileMonitor(configFor(table)), table.metrics);
    rows.forEach((row, i) => {
      const expected = table.rates[i] as number;
      if (!(Math.abs(row.lr - expected) <= 1e-12 * Math.abs(expected))) {
        expect.fail(`step ${i + 1}: rate ${row.lr}, GreedyLR ${expected}`);
      }
    });
  });
});
