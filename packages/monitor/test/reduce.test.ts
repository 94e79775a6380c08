import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnnealError } from '@anneal/core';
import { compileMonitor, createRegistry, defineRule, initialState, lrAt, reduce, type MonitorState } from '@anneal/monitor';

// A minimal rule for testing the reducer's mechanics: proposes `proposal` whenever value > limit.
const threshold = defineRule({
  kind: 'threshold',
  schema: z.object({ limit: z.number(), action: z.enum(['drop', 'restart', 'stop']), factor: z.number().default(0.5) }),
  init: () => ({ fired: 0 }),
  onObservation: ({ options, state, ctx }) => {
    if (!(ctx.value > options.limit)) return { state };
    const reason = `value ${ctx.value} > ${options.limit}`;
    const proposal =
      options.action === 'drop'
        ? { type: 'drop' as const, factor: options.factor, reason }
        : options.action === 'restart'
          ? { type: 'restart' as const, scale: 1, stretch: 1, reason }
          : { type: 'stop' as const, reason };
    return { state: { fired: state.fired + 1 }, proposal };
  },
});

const registry = () => createRegistry([threshold]);

function feed(program: ReturnType<typeof compileMonitor>, values: number[], steps?: number[]) {
  let state: MonitorState = initialState(program);
  const all = values.map((v, i) => {
    const result = reduce(state, { step: steps?.[i], metrics: { loss: v } }, program);
    state = result.state;
    return result.decisions;
  });
  return { state, decisions: all };
}

describe('reduce', () => {
  it('applies the strongest of several drops and names the rule that proposed it', () => {
    const program = compileMonitor(
      {
        initialLearningRate: 0.1,
        metric: 'loss',
        rules: [
          { kind: 'threshold', name: 'mild', limit: 1, action: 'drop', factor: 0.5 },
          { kind: 'threshold', name: 'hard', limit: 1, action: 'drop', factor: 0.1 },
        ],
      },
      registry(),
    );
    const { state, decisions } = feed(program, [0.5, 2]);
    const drop = decisions[1]?.find((d) => d.type === 'drop');
    expect(drop).toMatchObject({ type: 'drop', rule: 'hard', from: 0.1 });
    expect(drop && 'to' in drop ? drop.to : NaN).toBeCloseTo(0.01, 15);
    expect(lrAt(program, state, 10)).toBeCloseTo(0.01, 15);
  });

  it('lets stop beat restart beat drop on the same observation', () => {
    const program = compileMonitor(
      {
        initialLearningRate: 0.1,
        metric: 'loss',
        rules: [
          { kind: 'threshold', name: 'd', limit: 1, action: 'drop' },
          { kind: 'threshold', name: 'r', limit: 2, action: 'restart' },
          { kind: 'threshold', name: 's', limit: 3, action: 'stop' },
        ],
      },
      registry(),
    );
    const { decisions } = feed(program, [1.5, 2.5, 3.5]);
    expect(decisions.map((ds) => ds.find((d) => ['drop', 'restart', 'stop'].includes(d.type))?.type)).toEqual([
      'drop',
      'restart',
      'stop',
    ]);
  });

  it('moves the origin on restart so the base schedule starts its cycle again', () => {
    const program = compileMonitor(
      {
        schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 10, decayRate: 0.5 },
        metric: 'loss',
        rules: [{ kind: 'threshold', limit: 1, action: 'restart' }],
      },
      registry(),
    );
    const { state } = feed(program, [0, 5], [10, 20]);
    // Reference: exponentialDecay(1, 10, 0.5) evaluated at the local step t − 20.
    expect(lrAt(program, state, 20)).toBe(1);
    expect(lrAt(program, state, 30)).toBeCloseTo(0.5, 15);
  });

  it('rejects an observation whose step goes backwards, naming the field', () => {
    const program = compileMonitor({ initialLearningRate: 0.1, metric: 'loss' }, registry());
    const first = reduce(initialState(program), { step: 10, metrics: { loss: 1 } }, program);
    expect(() => reduce(first.state, { step: 9, metrics: { loss: 1 } }, program)).toThrow(/step: must not go backwards/);
  });

  it('throws INVALID_OBSERVATION for a missing metric unless onMissing is skip', () => {
    const strict = compileMonitor({ initialLearningRate: 0.1, metric: 'loss' }, registry());
    try {
      reduce(initialState(strict), { metrics: { acc: 1 } }, strict);
      expect.unreachable();
    } catch (error) {
      expect((error as AnnealError).code).toBe('INVALID_OBSERVATION');
      expect((error as AnnealError).path).toBe('metrics.loss');
    }
    const lenient = compileMonitor({ initialLearningRate: 0.1, metric: 'loss', onMissing: 'skip' }, registry());
    expect(reduce(initialState(lenient), { metrics: { acc: 1 } }, lenient).decisions[0]).toMatchObject({ type: 'skip' });
  });

  it('rejects an unknown rule kind with the path of the rule', () => {
    try {
      compileMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'nope' }] }, registry());
      expect.unreachable();
    } catch (error) {
      expect((error as AnnealError).code).toBe('INVALID_CONFIG');
      expect((error as AnnealError).path).toBe('rules[0].kind');
    }
  });

  it('never mutates the state it is given', () => {
    const program = compileMonitor(
      { initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'threshold', limit: 1, action: 'drop' }] },
      registry(),
    );
    const state = initialState(program);
    const frozen = structuredClone(state);
    reduce(state, { metrics: { loss: 5 } }, program);
    expect(state).toEqual(frozen);
  });

  it('places an observation without a step one step after the previous one, even after explicit steps', () => {
    const program = compileMonitor({ initialLearningRate: 0.1, metric: 'loss' }, registry());
    const first = reduce(initialState(program), { metrics: { loss: 1 } }, program);
    expect(first.state.step).toBe(1);
    const explicit = reduce(first.state, { step: 10, metrics: { loss: 1 } }, program);
    expect(reduce(explicit.state, { metrics: { loss: 1 } }, program).state.step).toBe(11);
  });
});

describe('proposals from a faulty plugin', () => {
  const faulty = (proposal: object) =>
    defineRule({
      kind: 'faulty',
      schema: z.object({}),
      init: () => null,
      onObservation: ({ state }) => ({ state, proposal: proposal as never }),
    });

  it.each([
    [{ type: 'drop', factor: -1, reason: 'x' }, 'rules.faulty.factor'],
    [{ type: 'drop', factor: Number.NaN, reason: 'x' }, 'rules.faulty.factor'],
    [{ type: 'restart', scale: Number.POSITIVE_INFINITY, stretch: 1, reason: 'x' }, 'rules.faulty.scale'],
    [{ type: 'restart', scale: 1, stretch: 0, reason: 'x' }, 'rules.faulty.stretch'],
  ])('are refused with INVALID_PROPOSAL before any state changes: %o', (proposal, path) => {
    const program = compileMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'faulty' }] }, createRegistry([faulty(proposal)]));
    const state = initialState(program);
    try {
      reduce(state, { metrics: { loss: 1 } }, program);
      expect.unreachable();
    } catch (error) {
      expect((error as AnnealError).code).toBe('INVALID_PROPOSAL');
      expect((error as AnnealError).path).toBe(path);
    }
    expect(state).toEqual(initialState(program));
  });

  it('names the rule, the step, the field, the value and the rule broken, and says the state is unchanged', () => {
    const program = compileMonitor(
      { initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'faulty' }] },
      createRegistry([faulty({ type: 'drop', factor: -1, reason: 'x' })]),
    );
    expect(() => reduce(initialState(program), { step: 3, metrics: { loss: 1 } }, program)).toThrow(
      'Invalid proposal: rule "faulty" proposed a drop at step 3 (a bug in the rule; the monitor state is unchanged): ' +
        'rules.faulty.factor: must be a number in [0, 1] (got -1)',
    );
  });
});

describe('warmRestart after very many restarts', () => {
  it('keeps scale and stretch finite and positive, so the rate and snapshots stay valid', () => {
    const program = compileMonitor({
      initialLearningRate: 0.1,
      metric: 'loss',
      rules: [{ kind: 'warmRestart', after: { floorEvaluations: 1 }, mMul: 2, tMul: 0.5 }],
      // minLr = maxLr pins the rate at the floor, so every evaluation triggers a restart.
      minLr: 0.1,
      maxLr: 0.1,
    });
    let state = initialState(program);
    for (let i = 1; i <= 1200; i++) state = reduce(state, { step: i, metrics: { loss: 1 } }, program).state;
    expect(state.restarts).toBeGreaterThan(1100); // 2^1100 and 0.5^1100 would overflow to Infinity and 0
    expect(Number.isFinite(state.scale)).toBe(true);
    expect(state.stretch).toBeGreaterThan(0);
    expect(Number.isFinite(lrAt(program, state, 5000))).toBe(true);
  });
});
