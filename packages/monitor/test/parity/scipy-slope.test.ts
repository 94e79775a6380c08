import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry } from '@anneal/monitor';
import { slope, slopeTest } from '../../src/slope.js';
import { monitorConfig, replay } from '../rule-conformance.js';

// The `slope` rule against SciPy: tables from test/parity/generators/slope_scipy.py
// (Debian python3-scipy 1.10: scipy.stats.linregress for the slope and its standard
// error, scipy.stats.t.cdf for p; not run in CI), per window and over whole runs.

interface WindowCase {
  name: string;
  mode: 'min' | 'max';
  values: number[];
  slope: number;
  t: number;
  p: number;
}
interface RunCase {
  window: number;
  significance: number;
  cooldown: number;
  mode: 'min' | 'max';
  values: number[];
  drops: number[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/slope-scipy.json', import.meta.url), 'utf8')) as {
  windows: WindowCase[];
  runs: RunCase[];
};

const close = (actual: number, expected: number, relative: number) => Math.abs(actual - expected) <= relative * Math.abs(expected) + 1e-300;

describe('slope: parity with SciPy', () => {
  it.each(fixture.windows.map((w) => [w.name, w] as const))('%s: slope, t and p as SciPy computes them', (_name, w) => {
    const test = slopeTest(w.values, w.mode);
    expect(close(test.slope, w.slope, 1e-9), `slope ${test.slope} vs ${w.slope}`).toBe(true);
    expect(close(test.t, w.t, 1e-9), `t ${test.t} vs ${w.t}`).toBe(true);
    expect(close(test.p, w.p, 1e-9), `p ${test.p} vs ${w.p}`).toBe(true);
  });

  it.each(fixture.runs.map((r) => [`window ${r.window}, significance ${r.significance}, cooldown ${r.cooldown}, ${r.mode}`, r] as const))(
    '%s: drops at the steps the SciPy replay does',
    (_name, run) => {
      const rule = { kind: 'slope', window: run.window, significance: run.significance, cooldown: run.cooldown };
      const registry = createDefaultRegistry();
      registry.register(slope);
      const rows = replay(compileMonitor(monitorConfig([rule], { mode: run.mode }), registry), run.values);
      const drops = rows.flatMap((row) => row.decisions.filter((d) => d.type === 'drop').map((d) => d.step));
      expect(drops).toEqual(run.drops);
      expect(drops.length).toBeGreaterThan(0);
    },
  );

  it('calls a perfect line improving when it points the right way, else not', () => {
    expect(slopeTest([3, 2, 1], 'min')).toMatchObject({ p: 0, t: -Infinity });
    expect(slopeTest([1, 2, 3], 'min')).toMatchObject({ p: 1, t: Infinity });
    expect(slopeTest([1, 2, 3], 'max')).toMatchObject({ p: 0 });
    expect(slopeTest([2, 2, 2], 'min').p).toBe(1);
  });
});
