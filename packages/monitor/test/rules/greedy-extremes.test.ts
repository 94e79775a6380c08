import { describe, expect, it } from 'vitest';
import { createMonitor, type MonitorConfigInput } from '@anneal/monitor';

// Valid options and finite metrics at the ends of the double range, where GreedyLR's own
// arithmetic (1 / factor, a running sum) leaves the doubles.
describe('greedy at the extremes', () => {
  it('raises with a subnormal factor (1 / factor is Infinity) to maxLr, as min(lr / factor, max_lr), without a refused proposal', () => {
    const config = {
      initialLearningRate: 0.1,
      metric: 'loss',
      maxLr: 1,
      rules: [{ kind: 'greedy', factor: Number.MIN_VALUE, patience: 0 }],
    } satisfies MonitorConfigInput;
    const monitor = createMonitor(config);
    // patience 0: the first improvement (over no best) raises.
    const decisions = monitor.observe({ metrics: { loss: 2 } });
    expect(decisions.at(-1)).toMatchObject({ type: 'raise', rule: 'greedy', from: 0.1, to: 1 });
    expect(monitor.lr).toBe(1);
    // At maxLr a further raise would change nothing, so none is proposed.
    expect(monitor.observe({ metrics: { loss: 1 } }).map((d) => d.type)).toEqual(['improve']);
  });

  it('keeps its rolling mean finite where the window sum overflows, and resumes from a snapshot', () => {
    const config = {
      initialLearningRate: 0.1,
      metric: 'loss',
      minLr: 0.001,
      maxLr: 1,
      rules: [{ kind: 'greedy', smooth: true, windowSize: 2, patience: 10 }],
    } satisfies MonitorConfigInput;
    const monitor = createMonitor(config);
    // Windows: [1e308] mean 1e308 (best); [1e308, 1e308] mean 1e308 (sum 2e308 is not a double);
    // [1e308, -1e308] mean 0 (best); [-1e308, 1] mean (1 − 1e308) / 2 = −5e307 (best).
    for (const loss of [1e308, 1e308, -1e308, 1]) monitor.observe({ metrics: { loss } });
    const state = monitor.state.rules[0] as { best: number; sum: number; window: number[] };
    expect(state.window).toEqual([-1e308, 1]);
    expect(state.sum).toBe(-1e308 + 1);
    expect(state.best).toBe(-5e307);
    const resumed = createMonitor(config, { restore: JSON.parse(JSON.stringify(monitor.snapshot())) });
    expect(resumed.observe({ metrics: { loss: 3 } })).toEqual(monitor.observe({ metrics: { loss: 3 } }));
  });
});
