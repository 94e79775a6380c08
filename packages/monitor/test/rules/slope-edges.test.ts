import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry } from '@anneal/monitor';
import { slope, slopeTest, type SlopeState } from '../../src/slope.js';
import { monitorConfig, replay } from '../rule-conformance.js';

// Survivors of `pnpm mutate rules:slope` (docs/benchmarks.md). SciPy values printed by
// test/parity/generators/slope_edges.py (scipy 1.17.1, scipy.stats.linregress against
// x = 0..n−1 with alternative='less', whose p is P(T <= t), n − 2 degrees of freedom).

const registry = createDefaultRegistry();
registry.register(slope);
const drops = (rule: Record<string, unknown>, metrics: number[]) =>
  replay(compileMonitor(monitorConfig([{ kind: 'slope', ...rule }]), registry), metrics).flatMap((row) =>
    row.decisions.filter((d) => d.type === 'drop').map((d) => d.step),
  );
const near = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);

describe('slope: edges', () => {
  it('fits the slope from deviations about the mean, exact for a metric far from 0 (SciPy linregress at 1e9 + decimals)', () => {
    // Σ(x − x̄)(y + ȳ) equals Σ(x − x̄)(y − ȳ) on paper but rounds at the scale of 2·1e9. (The
    // exact t, in rationals, is −4.954336922188681; residuals y − (a + b·x) gave −4.9543371.)
    const test = slopeTest([0.3, -0.1, -0.7, -0.2, -1.1, -0.9, -1.3, -1.2].map((v) => 1e9 + v), 'min');
    expect(near(test.slope, -0.21428570718992324), `slope ${test.slope}`).toBe(true);
    expect(near(test.t, -4.954336922188447), `t ${test.t}`).toBe(true);
    expect(near(test.p, 0.0012833830749705488), `p ${test.p}`).toBe(true);
  });

  it('drops only when p is strictly above the significance: a slope of exactly 0 has p 0.5 (SciPy: t 0, p 0.5)', () => {
    const test = slopeTest([0, 1, 0], 'min');
    expect([test.slope, test.t, test.p]).toEqual([0, 0, 0.5]);
    expect(drops({ window: 3, significance: 0.5 }, [0, 1, 0])).toEqual([]);
    expect(drops({ window: 3, significance: 0.4999 }, [0, 1, 0])).toEqual([3]);
  });

  it('gives a perfect line p 0 when it improves and 1 when it worsens, in either mode (SciPy: 4.5e-11 and 1 − 4.5e-11)', () => {
    // SciPy's p for a perfect line comes from its TINY guard on r = ±1; the rule's limits
    // 0 and 1 take the same side of every significance in [1e-10, 1 − 1e-10].
    expect(slopeTest([3, 2, 1], 'min')).toEqual({ slope: -1, t: -Infinity, p: 0 });
    expect(slopeTest([1, 2, 3], 'min')).toEqual({ slope: 1, t: Infinity, p: 1 });
    // Max mode: a rise is the improvement (t = −b / SE).
    expect(slopeTest([1, 2, 3], 'max')).toEqual({ slope: 1, t: -Infinity, p: 0 });
    expect(slopeTest([3, 2, 1], 'max')).toEqual({ slope: -1, t: Infinity, p: 1 });
  });

  it('counts a flat window (SciPy: NaN, no test) as not improving: t NaN, p 1, a drop', () => {
    const test = slopeTest([2, 2, 2], 'min');
    expect(test.t).toBeNaN();
    expect(test.p).toBe(1);
    expect(drops({ window: 3 }, [2, 2, 2])).toEqual([3]);
  });

  it('tests nothing before the window is full: a worsening run drops at the window-th value, not before', () => {
    // Any 3 of these values would already be a perfect rise (p 1).
    expect(drops({ window: 5 }, [1, 2, 3, 4, 5])).toEqual([5]);
  });

  it('empties its window on a restart (by any rule), and keeps it on anything else', () => {
    const onApplied = slope.onApplied as NonNullable<typeof slope.onApplied>;
    const options = slope.schema.parse({});
    const state: SlopeState = { values: [0.9, 0.8], cooldown: 1 };
    const ctx = {} as never;
    const restart = { type: 'restart', rule: 'warmRestart', from: 0.01, to: 0.1 } as const;
    const drop = { type: 'drop', rule: 'plateau', from: 0.1, to: 0.05 } as const;
    expect(onApplied({ options, state, ctx, applied: restart, refused: [] })).toEqual({ values: [], cooldown: 1 });
    expect(onApplied({ options, state, ctx, applied: drop, refused: [] })).toEqual(state);
    // Only refused proposals this observation: nothing was applied.
    expect(onApplied({ options, state, ctx, applied: null, refused: [] })).toEqual(state);
  });
});
