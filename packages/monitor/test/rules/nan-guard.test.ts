import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry } from '@anneal/monitor';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

const nanGuard = createDefaultRegistry().get('nanGuard');
if (nanGuard === undefined) throw new Error('nanGuard is not a built-in rule');

describeRuleConformance(nanGuard, {
  valid: [{ action: 'drop' }, { action: 'drop', factor: 0.5, maxConsecutive: 2 }, { action: 'skip', maxConsecutive: 2 }, { action: 'stop' }],
  invalid: [
    { options: {}, path: 'action' },
    { options: { action: 'ignore' }, path: 'action' },
    { options: { action: 'skip', factor: 0.5 }, path: 'factor' },
    { options: { action: 'drop', factor: 1 }, path: 'factor' },
    { options: { action: 'drop', maxConsecutive: 0 }, path: 'maxConsecutive' },
    { options: { action: 'drop', maxConsecutive: 1.5 }, path: 'maxConsecutive' },
  ],
  companions: [{ kind: 'plateau', patience: 1 }],
});

const NaN_ = Number.NaN;
const run = (rules: Record<string, unknown>[], metrics: number[]) => replay(compileMonitor(monitorConfig(rules)), metrics);
const stepsOf = (rows: ReturnType<typeof run>, type: string) =>
  rows.flatMap((row) => row.decisions.filter((d) => d.type === type).map((d) => d.step));

describe('nanGuard', () => {
  it('with action "drop" lowers the rate on every non-finite value', () => {
    const rows = run([{ kind: 'nanGuard', action: 'drop', factor: 0.5 }], [1, NaN_, NaN_, 1]);
    expect(rows.map((row) => row.lr)).toEqual([0.1, 0.05, 0.025, 0.025]);
    expect(rows[1]?.decisions).toContainEqual(
      expect.objectContaining({ type: 'drop', rule: 'nanGuard', reason: 'non-finite metric NaN: factor 0.5000' }),
    );
  });

  it('drops by 0.1 when no factor is given', () => {
    expect(run([{ kind: 'nanGuard', action: 'drop' }], [1, NaN_])[1]?.lr).toBeCloseTo(0.01, 15);
  });

  it('with maxConsecutive 2 drops on the 2nd, 4th ... non-finite value of a streak; a finite value ends it', () => {
    const rows = run([{ kind: 'nanGuard', action: 'drop', maxConsecutive: 2 }], [1, NaN_, NaN_, NaN_, NaN_, 1, NaN_, NaN_]);
    expect(stepsOf(rows, 'drop')).toEqual([3, 5, 8]);
    expect(rows[2]?.decisions).toContainEqual(
      expect.objectContaining({ type: 'drop', reason: '2 non-finite values in a row, the last NaN: factor 0.1000' }),
    );
  });

  it('treats ±Infinity as non-finite too', () => {
    expect(stepsOf(run([{ kind: 'nanGuard', action: 'drop', maxConsecutive: 2 }], [1, Infinity, -Infinity]), 'drop')).toEqual([3]);
  });

  it('with action "skip" withholds non-finite values from every rule', () => {
    const metrics = [1, NaN_, NaN_, 1];
    // Without the guard the NaNs are bad evaluations 1, 2 → plateau (patience 1) drops at step 3.
    expect(stepsOf(run([{ kind: 'plateau', patience: 1 }], metrics), 'drop')).toEqual([3]);
    const rows = run([{ kind: 'nanGuard', action: 'skip' }, { kind: 'plateau', patience: 1 }], metrics);
    expect(stepsOf(rows, 'drop')).toEqual([]);
    expect(rows[2]?.state.rules[1]).toMatchObject({ bad: 0, best: 1 });
    expect(rows[1]?.decisions).toEqual([
      { type: 'nan', step: 2, value: NaN_, metric: 'loss' },
      { type: 'skip', rule: 'nanGuard', step: 2, reason: 'non-finite metric NaN: withheld from every rule' },
    ]);
  });

  it('with action "skip" and maxConsecutive 2 lets the first non-finite value of a streak through', () => {
    const rows = run([{ kind: 'nanGuard', action: 'skip', maxConsecutive: 2 }, { kind: 'plateau', patience: 1 }], [1, NaN_, NaN_, NaN_]);
    expect(stepsOf(rows, 'skip')).toEqual([3, 4]);
    expect(rows[3]?.state.rules[1]).toMatchObject({ bad: 1 }); // only step 2 was counted
  });

  it('with action "stop" ends the run on the maxConsecutive-th non-finite value in a row', () => {
    const rows = run([{ kind: 'nanGuard', action: 'stop', maxConsecutive: 3 }], [1, NaN_, NaN_, 1, NaN_, NaN_, NaN_, 1]);
    expect(stepsOf(rows, 'stop')).toEqual([7]);
    expect(rows[6]?.decisions).toContainEqual({
      type: 'stop',
      rule: 'nanGuard',
      step: 7,
      reason: '3 non-finite values in a row, the last NaN',
    });
    expect(rows[7]?.decisions).toEqual([]); // a stopped monitor decides nothing more
  });
});
