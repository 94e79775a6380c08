// The monitor's promises under hostile input (issue 9), as fast-check properties with
// fixed seeds (CI-sized) and the reproductions from the issue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnnealError } from '@anneal/core';
import {
  compileMonitor,
  createDefaultRegistry,
  createMonitor,
  defineRule,
  initialState,
  lrAt,
  type MonitorState,
  type Proposal,
  reduce,
  type MonitorConfigInput,
} from '@anneal/monitor';

const bases: Omit<MonitorConfigInput, 'metric'>[] = [
  { initialLearningRate: 0.1 },
  { schedule: { kind: 'cosineAnnealingWarmRestarts', initialLearningRate: 0.1, t0: 10, tMult: 2 } },
  { schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 } },
  { schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 1000 } },
];

/** Any finite double >= 0, the extremes weighted up. */
const nonNegative = fc.oneof(
  fc.constantFrom(0, Number.MIN_VALUE, 1e-300, 1, 1e300, Number.MAX_VALUE),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }),
);

describe('lrWithScale / lrAt: finite for every reachable state', () => {
  it('gives a finite rate >= 0 for any scale, origin, stretch and step, with maxLr null', () => {
    const programs = bases.map((base) => compileMonitor({ ...base, metric: 'loss', maxLr: null }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: programs.length - 1 }),
        nonNegative,
        nonNegative,
        nonNegative.filter((x) => x > 0),
        nonNegative,
        (p, scale, origin, stretch, step) => {
          const program = programs[p] as (typeof programs)[number];
          const state: MonitorState = { ...initialState(program), scale, origin, stretch };
          const lr = lrAt(program, state, step);
          return Number.isFinite(lr) && lr >= 0;
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('stays finite through warm restarts with tMul 1e-300 over cosineAnnealingWarmRestarts, and with mMul 1e300', () => {
    for (const restart of [
      { tMul: 1e-300, mMul: 1 },
      { tMul: 1, mMul: 1e300 },
      { tMul: 1e300, mMul: 1e-300 },
    ]) {
      const monitor = createMonitor({
        ...bases[1],
        metric: 'loss',
        rules: [
          { kind: 'plateau', patience: 0, factor: 0.5 },
          { kind: 'warmRestart', after: { drops: 1 }, ...restart },
        ],
      });
      for (let i = 1; i <= 40; i++) {
        monitor.observe({ step: i * 1e6, metrics: { loss: 1 } });
        for (const step of [i * 1e6, i * 1e6 + 1, 1e300, Number.MAX_VALUE]) {
          const lr = monitor.lrAt(step);
          expect(Number.isFinite(lr) && lr >= 0, `${JSON.stringify(restart)} at ${step}: ${lr}`).toBe(true);
        }
      }
      expect(monitor.state.restarts).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a step that is negative or not finite with AnnealError INVALID_STEPS', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' });
    for (const step of [Number.NaN, -1, -Number.MIN_VALUE, Infinity, -Infinity, '3' as unknown as number]) {
      expect(() => monitor.lrAt(step)).toThrow(AnnealError);
      try {
        monitor.lrAt(step);
      } catch (error) {
        expect((error as AnnealError).code).toBe('INVALID_STEPS');
        expect((error as AnnealError).path).toBe('step');
      }
    }
  });
});

describe('a plugin proposal is validated completely before anything changes', () => {
  const emits = defineRule({
    kind: 'emits',
    schema: z.strictObject({ proposal: z.unknown() }),
    init: () => ({ n: 0 }),
    onObservation: ({ options, state }) => ({ state: { n: state.n + 1 }, proposal: options.proposal as Proposal }),
  });
  const registry = createDefaultRegistry();
  registry.register(emits);

  function attempt(proposal: unknown) {
    const program = compileMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'emits', proposal }] }, registry);
    const state = initialState(program);
    const frozen = JSON.stringify(state);
    try {
      const result = reduce(state, { metrics: { loss: 1 } }, program);
      return { ok: true as const, lr: lrAt(program, result.state, 1), state: result.state };
    } catch (error) {
      expect(JSON.stringify(state)).toBe(frozen);
      return { ok: false as const, error: error as AnnealError };
    }
  }

  it.each([
    ['an unknown type', { type: 'halve', reason: 'x' }, 'type'],
    ['a string scale', { type: 'restart', scale: '0.5', stretch: 1, reason: 'x' }, 'scale'],
    ['a string factor', { type: 'drop', factor: '0.5', reason: 'x' }, 'factor'],
    ['a drop factor above 1', { type: 'drop', factor: 1.5, reason: 'x' }, 'factor'],
    ['a raise factor of 1', { type: 'raise', factor: 1, reason: 'x' }, 'factor'],
    ['an infinite raise factor', { type: 'raise', factor: Infinity, reason: 'x' }, 'factor'],
    ['a NaN stretch', { type: 'restart', scale: 1, stretch: Number.NaN, reason: 'x' }, 'stretch'],
    ['no reason', { type: 'stop' }, 'reason'],
    ['not an object', 'drop', 'proposal'],
  ])('refuses %s with INVALID_PROPOSAL naming the field', (_what, proposal, field) => {
    const outcome = attempt(proposal);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(AnnealError);
    expect(outcome.error.code).toBe('INVALID_PROPOSAL');
    expect(outcome.error.path).toBe(`rules.emits.${field}`);
    expect(outcome.error.message).toContain('emits');
  });

  it.each([
    ['onObservation', undefined],
    ['onObservation', null],
    ['onObservation', 42],
    ['screen', undefined],
    ['screen', 'skip'],
  ] as const)('refuses a rule whose %s returns %s (no outcome) with INVALID_PROPOSAL, not a TypeError', (hook, returned) => {
    const forgetful = defineRule({
      kind: 'forgetful',
      schema: z.strictObject({}),
      init: () => ({ n: 0 }),
      ...(hook === 'screen'
        ? { screen: () => returned as never, onObservation: ({ state }) => ({ state }) }
        : { onObservation: () => returned as never }),
    });
    const program = compileMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'forgetful' }] }, createDefaultRegistry([forgetful]));
    const state = initialState(program);
    const frozen = JSON.stringify(state);
    let thrown: unknown;
    try {
      reduce(state, { metrics: { loss: 1 } }, program);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AnnealError);
    expect((thrown as AnnealError).code).toBe('INVALID_PROPOSAL');
    expect((thrown as AnnealError).path).toBe(`rules.forgetful.${hook}`);
    expect(JSON.stringify(state)).toBe(frozen);
  });

  it('either applies a random proposal to a finite state or refuses it, never corrupting the state', () => {
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom('0.5', null, undefined, {}, [], true));
    const proposal = fc.record(
      {
        type: fc.constantFrom('drop', 'raise', 'restart', 'stop', 'halve', 42),
        factor: anyNumber,
        scale: anyNumber,
        stretch: anyNumber,
        reason: fc.oneof(fc.string(), fc.constant(undefined)),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(proposal, (p) => {
        const outcome = attempt(p);
        if (!outcome.ok) return outcome.error.code === 'INVALID_PROPOSAL';
        const { scale, stretch, origin } = outcome.state;
        return [scale, stretch, origin, outcome.lr].every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the monitored metric is looked up as an own property', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])(
    'a metric named %s is missing when absent (skip / error), read when present',
    (metric) => {
      const skipping = createMonitor({ initialLearningRate: 0.1, metric, onMissing: 'skip', rules: [{ kind: 'nanGuard', action: 'stop' }] });
      expect(skipping.observe({ metrics: { loss: 1 } })).toEqual([{ type: 'skip', rule: 'monitor', reason: `metric "${metric}" missing`, step: 1 }]);
      expect(skipping.state.stopped).toBe(false);
      const strict = createMonitor({ initialLearningRate: 0.1, metric });
      expect(() => strict.observe({ metrics: { loss: 1 } })).toThrow(/monitored metric is missing/);
      if (metric !== '__proto__') {
        const present = createMonitor({ initialLearningRate: 0.1, metric });
        expect(present.observe({ metrics: { [metric]: 0.5 } })[0]).toMatchObject({ type: 'improve', value: 0.5 });
      }
    },
  );
});
