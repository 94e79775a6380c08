import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry, type Decision, lrAt } from '@anneal/monitor';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

const warmRestart = createDefaultRegistry().get('warmRestart');
if (warmRestart === undefined) throw new Error('warmRestart is not a built-in rule');

describeRuleConformance(warmRestart, {
  valid: [
    { after: { drops: 1 }, maxRestarts: 2, mMul: 0.5, tMul: 2 },
    { after: { drops: 2, patience: 1 } },
    { after: { floorEvaluations: 2 }, maxRestarts: 0 },
  ],
  invalid: [
    { options: {}, path: 'after' },
    { options: { after: {} }, path: 'after' },
    { options: { after: { drop: 3 } }, path: 'after' },
    { options: { after: { drops: 1, floorEvaluations: 2 } }, path: 'after.floorEvaluations' },
    { options: { after: { drops: 0 } }, path: 'after.drops' },
    { options: { after: { floorEvaluations: 1.5 } }, path: 'after.floorEvaluations' },
    { options: { after: { floorEvaluations: 2, patience: 1 } }, path: 'after.patience' },
    { options: { after: { drops: 1 }, mMul: 0 }, path: 'mMul' },
    { options: { after: { drops: 1 }, tMul: -1 }, path: 'tMul' },
    { options: { after: { drops: 1 }, maxRestarts: -1 }, path: 'maxRestarts' },
    { options: { after: { drops: 1 }, maxRestarts: 1.5 }, path: 'maxRestarts' },
  ],
  companions: [{ kind: 'plateau', patience: 1, factor: 0.1 }],
  monitor: { minLr: 0.001 },
});

type Restart = Extract<Decision, { type: 'restart' }>;
const restarts = (rows: ReturnType<typeof replay>) =>
  rows.flatMap((row) => row.decisions.filter((d): d is Restart => d.type === 'restart'));
const changes = (rows: ReturnType<typeof replay>) =>
  rows.map((row) => row.decisions.find((d) => d.type === 'drop' || d.type === 'restart')?.type ?? '-').join(' ');

// Base: exponentialDecay(1, decaySteps 10, decayRate 0.5) = 0.5^(t/10) (TensorFlow's formula).
const base = (t: number) => 0.5 ** (t / 10);

function cycling(maxRestarts: number | null) {
  return compileMonitor(
    monitorConfig(
      [
        { kind: 'plateau', patience: 0, factor: 0.5 },
        { kind: 'warmRestart', after: { drops: 1 }, mMul: 0.5, tMul: 2, maxRestarts },
      ],
      { initialLearningRate: undefined, schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 10, decayRate: 0.5 } },
    ),
  );
}

describe('warmRestart', () => {
  it('makes the k-th restart with scale mMul^k and stretch tMul^k, moving the origin to its step', () => {
    // A flat loss: plateau (patience 0) drops at step 2; at step 3 the plateau persists
    // after 1 drop → restart 1 (it beats plateau's drop); step 4 drops, step 5 restarts, ...
    const program = cycling(null);
    const rows = replay(program, Array(8).fill(1));
    expect(changes(rows)).toBe('- drop restart drop restart drop restart drop');
    restarts(rows).forEach((decision, i) => {
      const k = i + 1;
      const state = rows[decision.step - 1]?.state;
      expect(decision.restart).toBe(k);
      expect(state).toMatchObject({ restarts: k, origin: decision.step, scale: 0.5 ** k, stretch: 2 ** k });
      // Reference: mMul^k · base((t − origin) / tMul^k), at the restart and one stretched decay period later.
      expect(decision.to).toBeCloseTo(0.5 ** k * base(0), 15);
      if (state !== undefined) expect(lrAt(program, state, decision.step + 10 * 2 ** k)).toBeCloseTo(0.5 ** k * base(10), 15);
    });
  });

  it('stops restarting after maxRestarts, letting the drops go on', () => {
    const rows = replay(cycling(2), Array(9).fill(1));
    expect(changes(rows)).toBe('- drop restart drop restart drop drop drop drop');
    expect(rows[8]?.state.restarts).toBe(2);
  });

  it('explains the restart: the drops, the evaluations since, and k of maxRestarts', () => {
    const [first] = restarts(replay(cycling(3), Array(3).fill(1)));
    expect(first?.reason).toBe(
      '1 drop since the last restart, then 1 evaluation without improvement: restart 1 of 3 (scale 0.5000, stretch 2.0000)',
    );
  });

  it('restarts after `floorEvaluations` evaluations at minLr without improvement', () => {
    // 0.1 → drop to the floor 0.02 at step 2; steps 3 and 4 at the floor → restart at step
    // 4 back to 0.1 (mMul 1); the cycle repeats every 3 steps.
    const program = compileMonitor(
      monitorConfig(
        [
          { kind: 'plateau', patience: 0, factor: 0.1 },
          { kind: 'warmRestart', after: { floorEvaluations: 2 } },
        ],
        { minLr: 0.02 },
      ),
    );
    const rows = replay(program, Array(10).fill(1));
    expect(restarts(rows).map((d) => d.step)).toEqual([4, 7, 10]);
    expect(restarts(rows)[0]).toMatchObject({ from: 0.02, to: 0.1 });
    expect(restarts(rows)[0]?.reason).toBe(
      '2 evaluations at the floor 0.0200 without improvement: restart 1 (scale 1.0000, stretch 1.0000)',
    );
  });

  it('counts drops made by any rule, here severityDrop', () => {
    const program = compileMonitor(
      monitorConfig([
        { kind: 'severityDrop', trigger: 0.25 },
        { kind: 'warmRestart', after: { drops: 1 } },
      ]),
    );
    expect(changes(replay(program, [2.0, 3.0, 3.0]))).toBe('- drop restart');
  });

  it('with after.patience, waits for that many more evaluations without improvement after the n-th drop', () => {
    const program = compileMonitor(
      monitorConfig([
        { kind: 'plateau', patience: 0, factor: 0.5 },
        { kind: 'warmRestart', after: { drops: 1, patience: 2 } },
      ]),
    );
    // Drop at step 2; steps 3, 4 are evaluations 1, 2 after it (tolerated; plateau keeps
    // dropping); step 5 is the 3rd → restart.
    expect(changes(replay(program, Array(5).fill(1)))).toBe('- drop drop drop restart');
    // An improvement at step 4 resets that count: steps 5, 6 tolerated, restart at step 7.
    expect(changes(replay(program, [1, 1, 1, 0.5, 0.5, 0.5, 0.5]))).toBe('- drop drop - drop drop restart');
  });
});
