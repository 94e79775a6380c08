import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileMonitor, initialState, lrAt, type MonitorConfigInput, type MonitorState, reduce } from '@anneal/monitor';

// `reduce` returns the rate after each observation's decisions, so that `observe` need
// not compute it a second time. It must be exactly what `lrAt` gives for the new state,
// whatever happened: nothing, a drop, a raise, a restart, a stop, a skip.
const configs = [
  { initialLearningRate: 0.1, metric: 'loss', minLr: 1e-4, rules: [{ kind: 'plateau', patience: 1, factor: 0.5, compat: 'torch' }] },
  { initialLearningRate: 0.1, metric: 'loss', maxLr: 0.4, rules: [{ kind: 'greedy', patience: 1, factor: 0.5 }] },
  {
    schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 40 },
    metric: 'loss',
    minLr: 1e-3,
    rules: [
      { kind: 'nanGuard', action: 'skip' },
      { kind: 'plateau', patience: 1, factor: 0.5 },
      { kind: 'warmRestart', after: { drops: 2 }, mMul: 0.5, tMul: 2, maxRestarts: 2 },
      { kind: 'earlyStop', patience: 12 },
    ],
  },
] satisfies MonitorConfigInput[];

const values = fc.array(
  fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }).map((k) => 1 + k / 4) }, { weight: 1, arbitrary: fc.constant(Number.NaN) }),
  { minLength: 1, maxLength: 60 },
);

describe('reduce: the rate it returns', () => {
  it.each(configs.map((config, i) => [i, config] as const))('equals lrAt for the new state after every observation (config %i)', (_, config) => {
    const program = compileMonitor(config);
    fc.assert(
      fc.property(values, fc.nat({ max: 3 }), (series, stride) => {
        let state: MonitorState = initialState(program);
        series.forEach((loss, i) => {
          const step = i * (stride + 1);
          const result = reduce(state, { step, metrics: { loss } }, program);
          state = result.state;
          expect(result.lr).toBe(lrAt(program, state, step));
        });
      }),
      { numRuns: 200 },
    );
  });
});
