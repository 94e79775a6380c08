import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { AnnealError } from '@anneal/core';
import { compileMonitor, createDefaultRegistry, createMonitor, createRegistry, defineRule } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// Edges the mutation run of plateau.ts left untested (docs/benchmarks.md, "plateau.ts"):
// values exactly on the improvement boundary, a drop of exactly eps, the first value in
// max mode with a large relative threshold, a corrupt best in a snapshot, and onApplied
// called with refused proposals only. Boundaries use dyadic numbers (1 ∓ 0.25), so each
// reference expression is computed exactly and the strict comparison decides.

const bestAfter = (rule: Record<string, unknown>, metrics: number[], extra = {}) =>
  replay(compileMonitor(monitorConfig([{ kind: 'plateau', patience: 5, ...rule }], extra)), metrics).map(
    (row) => (row.state.rules[0] as { best: number | null }).best,
  );

describe('plateau: a value exactly on the boundary is not an improvement', () => {
  // torch/optim/lr_scheduler.py ReduceLROnPlateau._is_better:
  //   rel min: a < best * (1 - threshold)     rel max: a > best * (threshold + 1)
  //   abs min: a < best - threshold           abs max: a > best + threshold
  it.each([
    ['torch rel, min', { compat: 'torch', threshold: 0.25 }, 'min', 0.75, 0.7],
    ['torch rel, max', { compat: 'torch', threshold: 0.25 }, 'max', 1.25, 1.3],
    ['torch abs, min', { compat: 'torch', threshold: 0.25, thresholdMode: 'abs' }, 'min', 0.75, 0.7],
    ['torch abs, max', { compat: 'torch', threshold: 0.25, thresholdMode: 'abs' }, 'max', 1.25, 1.3],
    // keras/src/callbacks/monitor_callback.py _is_improvement: monitor_op(current - min_delta, best),
    // min_delta negated for `less`: min a + δ < best, max a - δ > best.
    ['keras, min', { compat: 'keras', threshold: 0.25, thresholdMode: 'abs' }, 'min', 0.75, 0.7],
    ['keras, max', { compat: 'keras', threshold: 0.25, thresholdMode: 'abs' }, 'max', 1.25, 1.3],
    // anneal: the band on |best| (best >= 0 here: torch's expression).
    ['anneal rel, min', { threshold: 0.25 }, 'min', 0.75, 0.7],
    ['anneal rel, max', { threshold: 0.25 }, 'max', 1.25, 1.3],
  ] as const)('%s', (_, rule, mode, onBoundary, beyond) => {
    expect(bestAfter(rule, [1, onBoundary], { mode })).toEqual([1, 1]);
    expect(bestAfter(rule, [1, beyond], { mode })).toEqual([1, beyond]);
  });

  it('anneal rel with a negative best: the band is |best|·threshold (best − |best|·threshold in min mode)', () => {
    expect(bestAfter({ threshold: 0.25 }, [-1, -1.25])).toEqual([-1, -1]);
    expect(bestAfter({ threshold: 0.25 }, [-1, -1.5])).toEqual([-1, -1.5]);
    expect(bestAfter({ threshold: 0.25 }, [-1, -0.75], { mode: 'max' })).toEqual([-1, -1]);
    expect(bestAfter({ threshold: 0.25 }, [-1, -0.5], { mode: 'max' })).toEqual([-1, -0.5]);
  });

  it('anneal takes the first finite value as the best whatever the threshold (max mode, threshold 2)', () => {
    // torch's expression from mode_worse would refuse it here: -inf · (1 − 2) = +inf.
    expect(bestAfter({ threshold: 2 }, [0.5], { mode: 'max' })).toEqual([0.5]);
  });
});

describe('plateau: eps (torch _reduce_lr: the rate is set only if old_lr − new_lr > eps)', () => {
  it('does not drop by exactly eps, and drops by more', () => {
    // rate 1, factor 0.5: the drop is 0.5 exactly.
    const rule = { compat: 'torch', patience: 0, factor: 0.5 };
    const drops = (eps: number) =>
      replay(compileMonitor(monitorConfig([{ kind: 'plateau', ...rule, eps }], { initialLearningRate: 1 })), [1, 1]).flatMap((row) =>
        row.decisions.filter((d) => d.type === 'drop'),
      );
    expect(drops(0.5)).toEqual([]);
    expect(drops(0.4999)).toHaveLength(1);
  });
});

describe('plateau: snapshots and refused proposals', () => {
  it('refuses a snapshot whose best is not a number', () => {
    const config = monitorConfig([{ kind: 'plateau' }]);
    const monitor = createMonitor(config);
    monitor.observe({ metrics: { loss: 1 } });
    const snapshot = JSON.parse(JSON.stringify(monitor.snapshot()));
    snapshot.state.rules[0].best = '1';
    expect(() => createMonitor(config, { restore: snapshot })).toThrow(AnnealError);
  });

  it('onApplied with refused proposals and no change keeps the counters', () => {
    // A rule that asks for a drop at the floor every time: refused as "noChange", so
    // plateau's onApplied runs with applied null.
    const floorDrop = defineRule({
      kind: 'floorDrop',
      schema: z.strictObject({}),
      init: () => null,
      onObservation: ({ state }) => ({ state, proposal: { type: 'drop', factor: 0.5, reason: 'always' } }),
    });
    const registry = createRegistry([...createDefaultRegistry().list(), floorDrop]);
    const program = compileMonitor(
      { initialLearningRate: 0.1, minLr: 0.1, metric: 'loss', rules: [{ kind: 'plateau', patience: 5 }, { kind: 'floorDrop' }] },
      registry,
    );
    const rows = replay(program, [1, 2, 2]);
    expect(rows.map((row) => (row.state.rules[0] as { bad: number }).bad)).toEqual([0, 1, 2]);
    expect(rows.map((row) => row.lr)).toEqual([0.1, 0.1, 0.1]);
  });
});
