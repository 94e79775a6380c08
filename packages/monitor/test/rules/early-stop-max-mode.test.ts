import { describe, expect, it } from 'vitest';
import { createMonitor, type Decision } from '@anneal/monitor';

// earlyStop in max mode (a score such as accuracy). Reference: Keras EarlyStopping,
// keras/src/callbacks/early_stopping.py: for mode "max" the monitor_op is np.greater and
// _is_improvement(current, best) is monitor_op(current - min_delta, best): an improvement
// must beat the best by more than min_delta, strictly. The other tests were all in min
// mode, so mutants of the max branch survived `pnpm mutate rules:early-stop`.
function stopsOf(values: number[], options: Record<string, unknown>): Extract<Decision, { type: 'stop' }>[] {
  const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'acc', mode: 'max', rules: [{ kind: 'earlyStop', ...options }] });
  return values.flatMap((acc) => monitor.observe({ metrics: { acc } })).filter((d): d is Extract<Decision, { type: 'stop' }> => d.type === 'stop');
}

describe('earlyStop in max mode', () => {
  it('counts a rise by more than minDelta as an improvement, a smaller rise as none', () => {
    // 0.6 − 0.05 > 0.5: improves (best 0.6); 0.62 − 0.05 and 0.64 − 0.05 do not beat 0.6.
    expect(stopsOf([0.5, 0.6, 0.62, 0.64, 0.7], { patience: 2, minDelta: 0.05 })).toEqual([
      { type: 'stop', rule: 'earlyStop', step: 4, reason: '2 evaluations without improvement; best 0.6000 at step 2' },
    ]);
  });

  it('does not count a rise of exactly minDelta (strictly greater, as np.greater)', () => {
    // 0.75 − 0.25 = 0.5 exactly (binary fractions): equal to the best, not greater.
    expect(stopsOf([0.5, 0.75, 0.75], { patience: 2, minDelta: 0.25 }).map((d) => d.step)).toEqual([3]);
  });

  it('never stops while every evaluation beats the best', () => {
    expect(stopsOf([0.1, 0.2, 0.3, 0.4, 0.5], { patience: 1, minDelta: 0.05 })).toEqual([]);
  });
});
