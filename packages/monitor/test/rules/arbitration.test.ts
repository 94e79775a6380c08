import { describe, expect, it } from 'vitest';
import { compileMonitor, type Decision } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

const run = (rules: Record<string, unknown>[], metrics: number[], extra = {}) =>
  replay(compileMonitor(monitorConfig(rules, extra)), metrics);
const change = (decisions: readonly Decision[]) => decisions.find((d) => d.type === 'drop' || d.type === 'restart' || d.type === 'stop');

describe('built-in rules firing on the same observation', () => {
  it('apply the strongest drop and name its rule (severityDrop 0.25 beats plateau 0.5)', () => {
    const rows = run(
      [
        { kind: 'plateau', compat: 'torch', patience: 0, factor: 0.5 },
        { kind: 'severityDrop', trigger: 0.25, baseFactor: 0.5, minFactor: 0.1 },
      ],
      [2.0, 3.0],
    );
    expect(change(rows[1]?.decisions ?? [])).toMatchObject({ type: 'drop', rule: 'severityDrop', from: 0.1 });
    expect(rows[1]?.lr).toBeCloseTo(0.025, 15);
    expect(rows[1]?.decisions.filter((d) => d.type === 'drop')).toHaveLength(1);
    // plateau's own counting went on as torch's would: counter reset, whatever won.
    expect(rows[1]?.state.rules[0]).toMatchObject({ bad: 0 });
  });

  it('give an equal drop to the rule listed first', () => {
    // 2.0 → 2.5 is d = 0.25 = trigger: severityDrop's factor 0.5 equals plateau's.
    const rules = [
      { kind: 'plateau', compat: 'torch', patience: 0, factor: 0.5 },
      { kind: 'severityDrop', trigger: 0.25, baseFactor: 0.5, minFactor: 0.1 },
    ];
    expect(change(run(rules, [2.0, 2.5])[1]?.decisions ?? [])).toMatchObject({ rule: 'plateau' });
    expect(change(run([...rules].reverse(), [2.0, 2.5])[1]?.decisions ?? [])).toMatchObject({ rule: 'severityDrop' });
  });

  it('let nanGuard\'s stop beat plateau\'s drop on a NaN, leaving the rate alone', () => {
    const rows = run([{ kind: 'plateau', patience: 0 }, { kind: 'nanGuard', action: 'stop' }], [1, Number.NaN, 1]);
    expect(rows[1]?.decisions.map((d) => d.type)).toEqual(['nan', 'badEvaluation', 'stop']);
    expect(rows.map((row) => row.lr)).toEqual([0.1, 0.1, 0.1]);
  });

  it('let a restart beat a drop, and warmRestart count only the drops that were applied', () => {
    const rows = run(
      [
        { kind: 'plateau', patience: 0, factor: 0.5 },
        { kind: 'warmRestart', after: { drops: 1 } },
      ],
      [1, 1, 1, 1],
    );
    expect(rows.map((row) => change(row.decisions)?.type ?? '-')).toEqual(['-', 'drop', 'restart', 'drop']);
    // At step 3 plateau's drop lost to the restart: warmRestart starts again from 0 drops.
    expect(rows[2]?.state.rules[1]).toEqual({ drops: 0, stale: 0 });
    expect(rows[3]?.state.rules[1]).toEqual({ drops: 1, stale: 0 });
  });

  it('let earlyStop\'s stop beat warmRestart\'s restart', () => {
    // As in the warmRestart tests, the restart is due at step 4; earlyStop (patience 3)
    // sees its 3rd evaluation without improvement there too.
    const rows = run(
      [
        { kind: 'plateau', patience: 0, factor: 0.1 },
        { kind: 'warmRestart', after: { floorEvaluations: 2 } },
        { kind: 'earlyStop', patience: 3 },
      ],
      [1, 1, 1, 1],
      { minLr: 0.02 },
    );
    expect(change(rows[3]?.decisions ?? [])).toMatchObject({ type: 'stop', rule: 'earlyStop', step: 4 });
    expect(rows[3]?.state).toMatchObject({ restarts: 0, stopped: true });
  });

  it('make at most one change per observation in a long run of all five rules, each naming its rule', () => {
    const metrics = Array.from({ length: 200 }, (_, i) =>
      i % 37 === 5 ? Number.NaN : i % 23 === 7 ? 3 : 1 / (1 + 0.05 * (i % 60)) + 0.01 * Math.sin(i),
    );
    const rows = run(
      [
        { kind: 'nanGuard', name: 'guard', action: 'drop', factor: 0.5 },
        { kind: 'plateau', name: 'fast', patience: 2, factor: 0.5 },
        { kind: 'plateau', name: 'slow', patience: 8, factor: 0.1 },
        { kind: 'severityDrop', trigger: 0.5 },
        { kind: 'warmRestart', after: { drops: 3 }, tMul: 2, maxRestarts: 4 },
        { kind: 'earlyStop', patience: 150 },
      ],
      metrics,
      { minLr: 1e-4 },
    );
    const changes = rows.flatMap((row) => row.decisions.filter((d) => d.type === 'drop' || d.type === 'restart' || d.type === 'stop'));
    expect(rows.every((row) => row.decisions.filter((d) => ['drop', 'restart', 'stop'].includes(d.type)).length <= 1)).toBe(true);
    const names = new Set(changes.map((d) => ('rule' in d ? d.rule : '')));
    expect([...names].every((n) => ['guard', 'fast', 'slow', 'severityDrop', 'warmRestart', 'earlyStop'].includes(n))).toBe(true);
    // The run exercises several of them (not a vacuous check).
    expect(names.size).toBeGreaterThanOrEqual(4);
    expect(changes.some((d) => d.type === 'restart')).toBe(true);
  });
});
