import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry } from '@anneal/monitor';
import { slope } from '../../src/slope.js';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

describeRuleConformance(slope, {
  valid: [{}, { window: 3, significance: 0.2, factor: 0.1, cooldown: 2 }, { window: 5 }, { window: 10_000 }],
  invalid: [
    { options: { window: 2 }, path: 'window' },
    { options: { window: 4.5 }, path: 'window' },
    { options: { window: 10_001 }, path: 'window' },
    { options: { significance: 0 }, path: 'significance' },
    { options: { significance: 1 }, path: 'significance' },
    { options: { factor: 1 }, path: 'factor' },
    { options: { cooldown: -1 }, path: 'cooldown' },
  ],
});

const registry = createDefaultRegistry();
registry.register(slope);
const run = (rule: Record<string, unknown>, metrics: number[]) =>
  replay(compileMonitor(monitorConfig([{ kind: 'slope', ...rule }]), registry), metrics);

describe('slope', () => {
  it('reproduces its documented example: no drop while improving, a drop once flat', () => {
    const rows = run({ window: 5 }, [1.0, 0.9, 0.8, 0.75, 0.72, 0.73, 0.71, 0.72]);
    const drops = rows.flatMap((row) => row.decisions.filter((d) => d.type === 'drop'));
    expect(drops.map((d) => d.step)).toEqual([8]);
    expect(drops[0]?.reason).toMatch(/t -1\.8489, p 0\.0808 > 0\.05/);
    expect(rows[7]?.lr).toBe(0.05);
    expect((rows[7]?.state.rules[0] as { values: number[] }).values).toEqual([]);
  });

  it('skips non-finite values and collects nothing during cooldown', () => {
    const rows = run({ window: 3, cooldown: 1 }, [1, Number.NaN, 1, 1, 5, 0.9, 0.8, 0.7]);
    expect(rows.map((r) => (r.state.rules[0] as { values: number[] }).values.length)).toEqual([1, 1, 2, 0, 0, 1, 2, 3]);
  });
});
