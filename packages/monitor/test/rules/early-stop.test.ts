import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry } from '@anneal/monitor';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

const earlyStop = createDefaultRegistry().get('earlyStop');
if (earlyStop === undefined) throw new Error('earlyStop is not a built-in rule');

describeRuleConformance(earlyStop, {
  valid: [{}, { patience: 3, minDelta: 0.01 }, { patience: null, whenRestartsExhausted: true }, { patience: 0 }],
  invalid: [
    { options: { patience: -1 }, path: 'patience' },
    { options: { patience: 2.5 }, path: 'patience' },
    { options: { minDelta: -0.1 }, path: 'minDelta' },
    { options: { whenRestartsExhausted: 'yes' }, path: 'whenRestartsExhausted' },
  ],
  companions: [
    { kind: 'plateau', patience: 1 },
    { kind: 'warmRestart', after: { floorEvaluations: 1 }, maxRestarts: 1 },
  ],
  monitor: { minLr: 0.001 },
});

const run = (rules: Record<string, unknown>[], metrics: number[], extra = {}) =>
  replay(compileMonitor(monitorConfig(rules, extra)), metrics);
const stops = (rows: ReturnType<typeof run>) => rows.flatMap((row) => row.decisions.filter((d) => d.type === 'stop'));

describe('earlyStop', () => {
  it('stops after `patience` evaluations in a row without a new best, saying which best', () => {
    const rows = run([{ kind: 'earlyStop', patience: 3 }], [1, 0.9, 0.95, 0.92, 0.91, 0.5]);
    expect(stops(rows)).toEqual([
      { type: 'stop', rule: 'earlyStop', step: 5, reason: '3 evaluations without improvement; best 0.9000 at step 2' },
    ]);
    expect(rows[5]?.decisions).toEqual([]);
  });

  it('requires an improvement larger than minDelta', () => {
    const metrics = [1, 0.995, 0.99, 0.985];
    expect(stops(run([{ kind: 'earlyStop', patience: 2 }], metrics))).toEqual([]);
    // 0.995 + 0.01 and 0.99 + 0.01 do not go below 1 → evaluations 1 and 2 without improvement.
    expect(stops(run([{ kind: 'earlyStop', patience: 2, minDelta: 0.01 }], metrics)).map((d) => d.step)).toEqual([3]);
  });

  it('counts non-finite values as evaluations without improvement, never as the best', () => {
    const rows = run([{ kind: 'earlyStop', patience: 2 }], [Number.NaN, 1, Number.NaN, -Infinity]);
    expect(stops(rows).map((d) => d.step)).toEqual([4]);
    expect(rows[3]?.state.rules[0]).toMatchObject({ best: 1, bestStep: 2 });
  });

  it('with whenRestartsExhausted, stops on the evaluation after warmRestart declined a restart beyond maxRestarts', () => {
    // Rate 0.1, floor 0.02: plateau drops to the floor at step 2; after 2 evaluations at the
    // floor warmRestart restarts (step 4); the cycle repeats, and at step 7 a 2nd restart is
    // due but maxRestarts is 1: warmRestart declines it, earlyStop sees it refused in
    // onApplied and stops on the next evaluation (step 8).
    const rules = [
      { kind: 'plateau', patience: 0, factor: 0.1 },
      { kind: 'warmRestart', after: { floorEvaluations: 2 }, maxRestarts: 1 },
    ];
    const metrics = Array(12).fill(1);
    const watching = run([...rules, { kind: 'earlyStop', patience: null, whenRestartsExhausted: true }], metrics, { minLr: 0.02 });
    expect(stops(watching)).toEqual([
      {
        type: 'stop',
        rule: 'earlyStop',
        step: 8,
        reason: 'warm restarts exhausted (1 made) and the plateau persisted at rate 0.0200',
      },
    ]);
    expect(watching.map((row) => (row.state.rules[2] as { restartDeclined: boolean }).restartDeclined)).toEqual([
      false, false, false, false, false, false, true, true, true, true, true, true, // after the stop the state is kept as it was
    ]);
    const notWatching = run([...rules, { kind: 'earlyStop', patience: null }], metrics, { minLr: 0.02 });
    expect(stops(notWatching)).toEqual([]);
    expect(notWatching.map((row) => row.state.restarts)).toContain(1);
  });
});
