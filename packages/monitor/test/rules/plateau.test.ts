import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinRules, compileMonitor, createDefaultRegistry, createRegistry, defineRule } from '@anneal/monitor';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

const plateau = createDefaultRegistry().get('plateau');
if (plateau === undefined) throw new Error('plateau is not a built-in rule');

describeRuleConformance(plateau, {
  valid: [
    {},
    { compat: 'torch', patience: 2, cooldown: 1, factor: 0.5 },
    { compat: 'keras', patience: 2, cooldown: 1, threshold: 0.01 },
    { thresholdMode: 'abs', threshold: 0.05, patience: 0 },
  ],
  invalid: [
    { options: { factor: 1 }, path: 'factor' },
    { options: { factor: 0 }, path: 'factor' },
    { options: { factor: Number.NaN }, path: 'factor' },
    { options: { patience: -1 }, path: 'patience' },
    { options: { patience: 2.5 }, path: 'patience' },
    { options: { threshold: -0.1 }, path: 'threshold' },
    { options: { thresholdMode: 'relative' }, path: 'thresholdMode' },
    { options: { cooldown: -1 }, path: 'cooldown' },
    { options: { eps: -1 }, path: 'eps' },
    { options: { compat: 'tensorflow' }, path: 'compat' },
    { options: { compat: 'keras', thresholdMode: 'rel' }, path: 'thresholdMode' },
    { options: { patiance: 3 }, path: 'patiance' },
  ],
});

const run = (rule: Record<string, unknown>, metrics: number[], extra = {}) =>
  replay(compileMonitor(monitorConfig([{ kind: 'plateau', ...rule }], extra)), metrics);

const dropSteps = (rows: ReturnType<typeof run>) =>
  rows.flatMap((row) => row.decisions.filter((d) => d.type === 'drop').map((d) => d.step));

describe('plateau', () => {
  it('with its defaults drops the rate tenfold on the 11th evaluation without improvement', () => {
    // Best 0.5 at step 2; patience 10: bad evaluations 1..10 (steps 3..12) are tolerated,
    // the 11th (step 13) drops 0.1 → 0.01.
    const rows = run({}, [1, 0.5, ...Array(12).fill(0.5)]);
    expect(dropSteps(rows)).toEqual([13]);
    expect(rows[11]?.lr).toBe(0.1);
    expect(rows[12]?.lr).toBeCloseTo(0.01, 15);
  });

  it('explains a drop with the count, the best value and the step where it was seen', () => {
    const rows = run({ patience: 2 }, [0.5, 0.312, 0.4, 0.35, 0.33]);
    expect(rows[4]?.decisions).toContainEqual(
      expect.objectContaining({ type: 'drop', rule: 'plateau', reason: '3 evaluations without improvement; best 0.3120 at step 2' }),
    );
  });

  it('counts a NaN as a bad evaluation and never takes it for the best, in every compat mode', () => {
    for (const compat of ['anneal', 'torch', 'keras']) {
      const rows = run({ compat, patience: 5 }, [Number.NaN, 2, Number.NaN, 1]);
      expect(rows.map((row) => row.state.rules[0]), compat).toMatchObject([
        { best: null, bad: 1 },
        { best: 2, bad: 0 },
        { best: 2, bad: 1 },
        { best: 1, bad: 0 },
      ]);
    }
  });

  it('under compat "anneal" never takes -Infinity for the best of a loss (torch and keras do: see parity/)', () => {
    const rows = run({ compat: 'anneal', patience: 1 }, [1, -Infinity, 0.5, 0.25]);
    expect(rows.map((row) => (row.state.rules[0] as { best: number }).best)).toEqual([1, 1, 0.5, 0.25]);
    expect(dropSteps(rows)).toEqual([]);
  });

  it('accepts factor 0 only under compat "torch"', () => {
    expect(() => compileMonitor(monitorConfig([{ kind: 'plateau', compat: 'torch', factor: 0 }]))).not.toThrow();
    for (const compat of ['anneal', 'keras']) {
      expect(() => compileMonitor(monitorConfig([{ kind: 'plateau', compat, factor: 0 }]))).toThrow(/rules\[0\]\.factor.*compat "torch"/);
    }
  });

  it('starts its count afresh after a warm restart made by another rule, keeping its best', () => {
    const restartAtStep3 = defineRule({
      kind: 'restartAtStep3',
      schema: z.object({}),
      init: () => null,
      onObservation: ({ state, ctx }) =>
        ctx.step === 3 ? { state, proposal: { type: 'restart', scale: 1, stretch: 1, reason: 'test' } } : { state },
    });
    const registry = createRegistry([...builtinRules, restartAtStep3]);
    const metrics = Array(8).fill(1);
    const alone = replay(compileMonitor(monitorConfig([{ kind: 'plateau', patience: 3 }]), registry), metrics);
    const restarted = replay(
      compileMonitor(monitorConfig([{ kind: 'plateau', patience: 3 }, { kind: 'restartAtStep3' }]), registry),
      metrics,
    );
    // Alone: bad 1..4 at steps 2..5 → drop at step 5. Restarted at step 3 (bad 2 → 0):
    // bad 1..4 at steps 4..7 → drop at step 7.
    expect(dropSteps(alone)).toEqual([5]);
    expect(dropSteps(restarted)).toEqual([7]);
    expect(restarted[2]?.state.rules[0]).toMatchObject({ best: 1, bad: 0, cooldown: 0 });
  });

  it('leaves thresholdMode to "abs" under compat "keras" and to "rel" otherwise', () => {
    // best 1000; 999.95 is 0.05 better: an improvement against Keras's absolute 1e-4, not
    // against the relative band 1000·(1 − 1e-4) = 999.9.
    expect(run({ compat: 'keras', patience: 0 }, [1000, 999.95])[1]?.state.rules[0]).toMatchObject({ best: 999.95 });
    expect(run({ compat: 'torch', patience: 5 }, [1000, 999.95])[1]?.state.rules[0]).toMatchObject({ best: 1000 });
  });
});
