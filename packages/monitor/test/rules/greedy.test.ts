import { describe, expect, it } from 'vitest';
import { compileMonitor, greedy } from '@anneal/monitor';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

describeRuleConformance(greedy, {
  valid: [{}, { factor: 0.5, patience: 1, cooldown: 1, warmup: 1 }, { patience: 0, smooth: true, windowSize: 3, resetAfter: 2 }, { smooth: true, windowSize: 10_000 }],
  invalid: [
    { options: { factor: 1 }, path: 'factor' },
    { options: { factor: 0 }, path: 'factor' },
    { options: { patience: -1 }, path: 'patience' },
    { options: { resetAfter: 0 }, path: 'resetAfter' },
    { options: { windowSize: 0 }, path: 'windowSize' },
    { options: { windowSize: 10_001 }, path: 'windowSize' },
    { options: { thresholdMode: 'relative' }, path: 'thresholdMode' },
  ],
  monitor: { minLr: 0.01, maxLr: 1 },
});

const run = (rule: Record<string, unknown>, metrics: number[], extra = {}) =>
  replay(compileMonitor(monitorConfig([{ kind: 'greedy', ...rule }], { minLr: 0.01, maxLr: 1, ...extra })), metrics);

describe('greedy', () => {
  it('raises by 1/factor on the (patience+1)-th improvement in a row, capped at maxLr, with a raise decision', () => {
    const rows = run({ factor: 0.5, patience: 1 }, [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]);
    expect(rows.map((r) => r.lr)).toEqual([0.1, 0.2, 0.2, 0.4, 0.4, 0.8, 0.8, 1]);
    expect(rows[1]?.decisions.at(-1)).toMatchObject({ type: 'raise', rule: 'greedy', from: 0.1, to: 0.2 });
  });

  it('lowers by factor on the (patience+1)-th bad evaluation, and counts nothing during cooldown', () => {
    const rows = run({ factor: 0.5, patience: 1, cooldown: 2 }, [1, 2, 2, 2, 2, 2, 2]);
    // bad at steps 2, 3 → drop at 3; cooldown steps 4, 5; bad 6, 7 → drop at 7.
    expect(rows.map((r) => r.lr)).toEqual([0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025]);
  });

  it('treats NaN as a bad evaluation that never becomes the best', () => {
    const rows = run({ patience: 0, factor: 0.5 }, [Number.NaN, 1, Number.NaN]);
    expect(rows.map((r) => (r.state.rules[0] as { best: number | null }).best)).toEqual([null, 1, 1]);
    expect(rows.map((r) => r.lr)).toEqual([0.05, 0.1, 0.05]);
  });

  it('says how many evaluations decided, patience + 1, and the best so far (or that there is none yet)', () => {
    const raised = run({ factor: 0.5, patience: 2 }, [1, 0.9, 0.8]);
    expect(raised[2]?.decisions.find((d) => d.type === 'raise')?.reason).toMatch(/^3 improvements in a row; best 0\.80*$/);
    const dropped = run({ factor: 0.5, patience: 2 }, [1, 2, 2, 2]);
    expect(dropped[3]?.decisions.find((d) => d.type === 'drop')?.reason).toMatch(/^3 evaluations without improvement; best 1(\.0*)?$/);
    const blind = run({ factor: 0.5, patience: 1 }, [Number.NaN, Number.NaN]);
    expect(blind[1]?.decisions.find((d) => d.type === 'drop')?.reason).toBe('2 evaluations without improvement; no finite value yet');
  });
});
