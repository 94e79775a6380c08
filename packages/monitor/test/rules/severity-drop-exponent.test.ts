import { describe, expect, it } from 'vitest';
import { createMonitor, type Decision, type RuleEntryInput } from '@anneal/monitor';

// severityDrop's factor is baseFactor^(d / trigger) with a real exponent (its TSDoc):
// a degradation between two multiples of the trigger drops by a factor between theirs.
// Every other test degrades by a whole multiple, where a floored or rounded exponent
// (baseFactor ** Math.floor(d / trigger)) gives the same factor; these would catch it.
const rule = { kind: 'severityDrop', trigger: 0.25, baseFactor: 0.5, minFactor: 0.01 } satisfies RuleEntryInput;

function dropAfter(best: number, value: number): Extract<Decision, { type: 'drop' }> | undefined {
  const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [rule] });
  monitor.observe({ metrics: { loss: best } });
  return monitor.observe({ metrics: { loss: value } }).find((d): d is Extract<Decision, { type: 'drop' }> => d.type === 'drop');
}

describe('severityDrop: a degradation that is not a whole multiple of the trigger', () => {
  it('1.5 × trigger (best 2.0, loss 2.75: d = 0.375) drops by 0.5^1.5 = 1/(2√2), not 0.5 or 0.25', () => {
    const drop = dropAfter(2.0, 2.75);
    expect(drop?.from).toBe(0.1);
    // 0.5^1.5 = 1 / (2·√2) = √½ / 2 ≈ 0.35355.
    expect(drop?.to).toBeCloseTo((0.1 * Math.SQRT1_2) / 2, 15);
  });

  it('1.2 × trigger (best 2.0, loss 2.6: d = 0.3) drops by 0.5^1.2 ≈ 0.4353, between the factors of 1 and 2 triggers', () => {
    const to = dropAfter(2.0, 2.6)?.to as number;
    // 2^-1.2 = 1 / 2^1.2 and 2^1.2 = 2 · 2^0.2, with 2^0.2 = 1.148698354997035 (the fifth root of 2).
    expect(to).toBeCloseTo(0.1 / (2 * 1.148698354997035), 12);
    expect(to).toBeLessThan(0.1 * 0.5);
    expect(to).toBeGreaterThan(0.1 * 0.25);
  });

  it('2.5 × trigger (best 2.0, loss 3.25: d = 0.625) drops by 0.5^2.5 = √½ / 4', () => {
    expect(dropAfter(2.0, 3.25)?.to).toBeCloseTo((0.1 * Math.SQRT1_2) / 4, 15);
  });
});

// Survivors of `pnpm mutate rules:severity-drop` (docs/benchmarks.md), killed here.
describe('severityDrop: thresholdMode "abs" where it differs from "rel", and minFactor = baseFactor', () => {
  const abs = { kind: 'severityDrop', thresholdMode: 'abs', trigger: 0.5, baseFactor: 0.5, minFactor: 0.01 } satisfies RuleEntryInput;

  function firstDrop(options: RuleEntryInput, best: number, value: number) {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [options] });
    monitor.observe({ metrics: { loss: best } });
    return monitor.observe({ metrics: { loss: value } }).find((d): d is Extract<Decision, { type: 'drop' }> => d.type === 'drop');
  }

  it('measures abs from a best of 2.0 (d = 3.0 − 2.0 = 1.0 = 2 triggers → 0.25, where rel would say 0.5 → 0.5)', () => {
    expect(firstDrop(abs, 2.0, 3.0)?.to).toBeCloseTo(0.1 * 0.25, 15);
  });

  it('words an abs degradation and trigger as values, not percentages', () => {
    expect(firstDrop(abs, 2.0, 3.0)?.reason).toBe('3.0000 is 1.0000 worse than the best 2.0000 (trigger 0.5000): factor 0.2500');
  });

  it('accepts minFactor equal to baseFactor: every drop is then exactly baseFactor', () => {
    const flat = { kind: 'severityDrop', trigger: 0.25, baseFactor: 0.5, minFactor: 0.5 } satisfies RuleEntryInput;
    expect(firstDrop(flat, 2.0, 2.5)?.to).toBeCloseTo(0.05, 15);
    expect(firstDrop(flat, 2.0, 9.0)?.to).toBeCloseTo(0.05, 15);
  });
});
