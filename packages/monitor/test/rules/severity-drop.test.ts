import { describe, expect, it } from 'vitest';
import { compileMonitor, createDefaultRegistry, type Decision } from '@anneal/monitor';
import { describeRuleConformance, monitorConfig, replay } from '../rule-conformance.js';

const severityDrop = createDefaultRegistry().get('severityDrop');
if (severityDrop === undefined) throw new Error('severityDrop is not a built-in rule');

describeRuleConformance(severityDrop, {
  valid: [{}, { trigger: 0.25, baseFactor: 0.5, minFactor: 0.1, cooldown: 2 }, { thresholdMode: 'abs', trigger: 0.2 }],
  invalid: [
    { options: { trigger: 0 }, path: 'trigger' },
    { options: { trigger: Infinity }, path: 'trigger' },
    { options: { baseFactor: 1 }, path: 'baseFactor' },
    { options: { minFactor: 0 }, path: 'minFactor' },
    { options: { baseFactor: 0.2, minFactor: 0.5 }, path: 'minFactor' },
    { options: { thresholdMode: 'ratio' }, path: 'thresholdMode' },
    { options: { cooldown: -1 }, path: 'cooldown' },
    { options: { cooldown: 0.5 }, path: 'cooldown' },
  ],
});

const worked = { kind: 'severityDrop', trigger: 0.25, baseFactor: 0.5, minFactor: 0.1 };

function run(rule: Record<string, unknown>, metrics: number[], extra = {}) {
  return replay(compileMonitor(monitorConfig([rule], extra)), metrics);
}
const drops = (rows: ReturnType<typeof run>) =>
  rows.flatMap((row) => row.decisions.filter((d): d is Extract<Decision, { type: 'drop' }> => d.type === 'drop'));

// The formula, written out: factor = max(minFactor, baseFactor^(d / trigger)).
const formula = (d: number, trigger = 0.25, base = 0.5, min = 0.1) => Math.max(min, base ** (d / trigger));

describe('severityDrop', () => {
  // The TSDoc's worked example: rel, min, best 2.0, initial rate 0.1.
  it.each([
    [2.5, 0.25, 0.5],
    [3.0, 0.5, 0.25],
    [4.5, 1.25, 0.1],
  ])('after a best of 2.0, a loss of %s (d = %s) drops the rate by the factor %s', (value, d, factor) => {
    expect(formula(d)).toBe(factor);
    const [drop] = drops(run(worked, [2.0, value]));
    expect(drop?.from).toBe(0.1);
    expect(drop?.to).toBeCloseTo(0.1 * factor, 15);
  });

  it('does nothing below the trigger (2.0 → 2.25 is d = 0.125)', () => {
    expect(drops(run(worked, [2.0, 2.25]))).toEqual([]);
  });

  it('says how much worse, against which best and trigger, and the factor', () => {
    expect(drops(run(worked, [2.0, 3.0]))[0]?.reason).toBe('3.0000 is 50.0% worse than the best 2.0000 (trigger 25.0%): factor 0.2500');
  });

  it('measures an absolute degradation under thresholdMode "abs"', () => {
    // d = 1.3 − 1.0 = 0.3 (0.30000000000000004 in binary), trigger 0.1 → 0.5^3 = 0.125.
    const [drop] = drops(run({ kind: 'severityDrop', thresholdMode: 'abs', trigger: 0.1, baseFactor: 0.5, minFactor: 0.01 }, [1.0, 1.3]));
    expect(drop?.to).toBeCloseTo(0.1 * 0.5 ** ((1.3 - 1.0) / 0.1), 15);
    expect(drop?.to).toBeCloseTo(0.0125, 12);
  });

  it('mirrors the degradation for a score in max mode', () => {
    // best 0.8, value 0.4: d = (0.8 − 0.4) / 0.8 = 0.5 → 0.5^2 = 0.25.
    const [drop] = drops(run(worked, [0.8, 0.4], { mode: 'max' }));
    expect(drop?.to).toBeCloseTo(0.1 * formula(0.5), 15);
  });

  it('measures a relative degradation on |best| for a negative loss', () => {
    // best −2, value −1: d = (−1 − (−2)) / 2 = 0.5 → factor 0.25.
    const [drop] = drops(run(worked, [-2, -1]));
    expect(drop?.to).toBeCloseTo(0.1 * 0.25, 15);
  });

  it('takes any rise from a best of exactly 0 as the strongest drop (minFactor), without NaN', () => {
    const [drop] = drops(run(worked, [0, 0.01]));
    expect(drop?.to).toBeCloseTo(0.1 * 0.1, 15);
    expect(drops(run(worked, [0, 0]))).toEqual([]);
  });

  it('drops once per spike, and again for the next spike once the metric has recovered', () => {
    const rows = run(worked, [2.0, 3.0, 3.0, 3.5, 2.1, 3.0]);
    // Steps 2–4 are one spike (one drop at step 2); 2.1 (d = 0.05) re-arms; step 6 drops again.
    expect(drops(rows).map((d) => d.step)).toEqual([2, 6]);
  });

  it('stays quiet for `cooldown` evaluations after a drop even when the metric recovers', () => {
    const metrics = [2.0, 3.0, 2.0, 3.0, 2.0, 3.0];
    expect(drops(run({ ...worked, cooldown: 3 }, metrics)).map((d) => d.step)).toEqual([2, 6]);
    expect(drops(run({ ...worked, cooldown: 0 }, metrics)).map((d) => d.step)).toEqual([2, 4, 6]);
  });

  it('ignores non-finite values: they neither fire nor re-arm it', () => {
    const rows = run(worked, [2.0, Number.NaN, Infinity, 3.0, Number.NaN, 3.0]);
    expect(drops(rows).map((d) => d.step)).toEqual([4]);
  });
});
