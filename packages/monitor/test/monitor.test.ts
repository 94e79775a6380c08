import { afterEach, describe, expect, it, vi } from 'vitest';
import { Subject } from 'rxjs';
import { AnnealError } from '@anneal/core';
import {
  compileMonitor,
  createMonitor,
  type Decision,
  initialState,
  lrAt,
  type MonitorState,
  type ObservationInput,
  reduce,
} from '@anneal/monitor';
import { testRegistry } from './support/test-rules.js';

const registry = testRegistry();
const dropAbove1 = { initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'above', limit: 1, factor: 0.5 }] } as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('createMonitor', () => {
  it('observe() gives exactly the decisions, state and rates of folding reduce by hand', () => {
    const config = {
      schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 10, decayRate: 0.5 },
      metric: 'loss',
      rules: [{ kind: 'patience', patience: 1, factor: 0.5 }, { kind: 'restartAfter', after: 2 }],
    } as const;
    const observations: ObservationInput[] = [3, 2, 2.5, 2.6, 2.7, 2.8, 1, 1.5, Number.NaN, 1.7].map((loss, i) => ({
      step: 10 * (i + 1),
      metrics: { loss },
    }));
    const monitor = createMonitor(config, { registry });
    const program = compileMonitor(config, registry);
    let state: MonitorState = initialState(program);
    for (const observation of observations) {
      const expected = reduce(state, observation, program);
      state = expected.state;
      expect(monitor.observe(observation)).toEqual(expected.decisions);
      expect(monitor.state).toEqual(state);
      expect(monitor.lr).toBe(lrAt(program, state, observation.step as number));
      expect(monitor.lrAt(1234)).toBe(lrAt(program, state, 1234));
    }
    // The run above must have exercised the interesting paths, or it proves little.
    expect(state.restarts).toBe(1);
    expect(state.scale).toBeLessThan(1);
  });

  it('reports the base rate at step 0 before any observation, then the rate at the last observed step', () => {
    // Reference: TF exponential_decay, lr = 1 · 0.5^(step / 10).
    const monitor = createMonitor(
      { schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 10, decayRate: 0.5 }, metric: 'loss' },
      { registry },
    );
    expect(monitor.lr).toBe(1);
    monitor.observe({ step: 20, metrics: { loss: 1 } });
    expect(monitor.lr).toBeCloseTo(0.25, 15);
    expect(monitor.lrAt(30)).toBeCloseTo(0.125, 15);
  });

  it('lowers lr and lrAt after a drop by the rule factor', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    monitor.observe({ metrics: { loss: 0.5 } });
    expect(monitor.lr).toBe(0.1);
    const decisions = monitor.observe({ metrics: { loss: 2 } });
    expect(decisions.find((d) => d.type === 'drop')).toMatchObject({ rule: 'above', from: 0.1, to: 0.05 });
    expect(monitor.lr).toBe(0.05);
    expect(monitor.lrAt(1e6)).toBe(0.05);
  });

  it('rejects an invalid observation with the AnnealError and leaves state and rate untouched', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    monitor.observe({ step: 5, metrics: { loss: 2 } });
    const before = monitor.state;
    const seen: string[] = [];
    monitor.on('badEvaluation', () => seen.push('badEvaluation'));
    monitor.on('lr', () => seen.push('lr'));
    const bad: ObservationInput[] = [{ step: 4, metrics: { loss: 3 } }, { metrics: { acc: 1 } }, { step: -1, metrics: { loss: 1 } }];
    for (const observation of bad) {
      expect(() => monitor.observe(observation)).toThrow(AnnealError);
    }
    expect(monitor.state).toBe(before);
    expect(monitor.lr).toBe(0.05);
    expect(seen).toEqual([]);
  });

  it('rejects an invalid config when created, naming the field', () => {
    expect(() => createMonitor({ initialLearningRate: -1, metric: 'loss' }, { registry })).toThrow(/initialLearningRate/);
  });

  it('exposes the state read-only', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    expect(() => {
      (monitor as unknown as { state: unknown }).state = {};
    }).toThrow(TypeError);
  });
});

describe('createMonitor streams', () => {
  it('lr$ replays the current rate to each subscriber and then emits only changes', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    const early: number[] = [];
    monitor.lr$.subscribe((lr) => early.push(lr));
    monitor.observe({ metrics: { loss: 0.5 } }); // no change
    monitor.observe({ metrics: { loss: 2 } }); // drop to 0.05
    monitor.observe({ metrics: { loss: 0.9 } }); // no change
    const late: number[] = [];
    monitor.lr$.subscribe((lr) => late.push(lr));
    monitor.observe({ metrics: { loss: 3 } }); // drop to 0.025
    expect(early).toEqual([0.1, 0.05, 0.025]);
    expect(late).toEqual([0.05, 0.025]);
  });

  it('lr$ follows a base schedule that changes the rate between observations', () => {
    // Reference: TF exponential_decay with staircase, lr = 1 · 0.5^floor(step / 10).
    const monitor = createMonitor(
      {
        schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true },
        metric: 'loss',
      },
      { registry },
    );
    const rates: number[] = [];
    monitor.lr$.subscribe((lr) => rates.push(lr));
    for (const step of [5, 10, 15, 20]) monitor.observe({ step, metrics: { loss: 1 } });
    expect(rates).toEqual([1, 0.5, 0.25]);
  });

  it('decisions$ carries every decision of every observation in order', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    const seen: Decision[] = [];
    monitor.decisions$.subscribe((d) => seen.push(d));
    const returned = [
      ...monitor.observe({ metrics: { loss: 0.5 } }),
      ...monitor.observe({ metrics: { loss: 2 } }),
      ...monitor.observe({ metrics: { loss: Number.NaN } }),
    ];
    expect(seen).toEqual(returned);
    expect(seen.map((d) => d.type)).toEqual(['improve', 'badEvaluation', 'drop', 'nan', 'badEvaluation']);
  });

  it('connect() observes a source; an erroring source emits error, keeps the state, and a new connection continues', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    const errors: unknown[] = [];
    monitor.on('error', (e) => errors.push(e));
    const first = new Subject<ObservationInput>();
    const subscription = monitor.connect(first);
    first.next({ step: 1, metrics: { loss: 0.5 } });
    first.next({ step: 2, metrics: { loss: 2 } });
    const failure = new Error('trainer crashed');
    first.error(failure);
    expect(errors).toEqual([failure]);
    expect(subscription.closed).toBe(true);
    expect(monitor.state).toMatchObject({ count: 2, step: 2 });
    expect(monitor.lr).toBe(0.05);

    const second = new Subject<ObservationInput>();
    monitor.connect(second);
    second.next({ step: 3, metrics: { loss: 4 } });
    expect(monitor.state).toMatchObject({ count: 3, step: 3 });
    expect(monitor.lr).toBe(0.025);
  });

  it('connect() ends the connection on an observation the monitor rejects, emitting its AnnealError', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    const errors: unknown[] = [];
    monitor.on('error', (e) => errors.push(e));
    const source = new Subject<ObservationInput>();
    const subscription = monitor.connect(source);
    source.next({ step: 5, metrics: { loss: 0.5 } });
    source.next({ step: 4, metrics: { loss: 0.5 } }); // backwards
    source.next({ step: 6, metrics: { loss: 0.1 } }); // after the connection ended: ignored
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AnnealError);
    expect((errors[0] as AnnealError).path).toBe('step');
    expect(subscription.closed).toBe(true);
    expect(source.observed).toBe(false);
    expect(monitor.state).toMatchObject({ count: 1, step: 5 });
  });

  it('connect() can be unsubscribed, after which the source no longer feeds the monitor', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    const source = new Subject<ObservationInput>();
    monitor.connect(source).unsubscribe();
    source.next({ metrics: { loss: 1 } });
    expect(monitor.state.count).toBe(0);
  });
});

describe('createMonitor with listeners that throw', () => {
  it('observe() commits the state, still emits the other events, then rethrows the first exception', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    monitor.observe({ metrics: { loss: 0.5 } });
    const bug = new Error('listener bug');
    const seen: string[] = [];
    const offBug = monitor.on('badEvaluation', () => {
      throw bug;
    });
    monitor.on('drop', (d) => seen.push(`drop ${d.to}`));
    monitor.on('lr', (c) => seen.push(`lr ${c.lr}`));
    const decisions: Decision[] = [];
    monitor.decisions$.subscribe((d) => decisions.push(d));

    expect(() => monitor.observe({ metrics: { loss: 2 } })).toThrow(bug);
    expect(monitor.state).toMatchObject({ count: 2, scale: 0.5 });
    expect(monitor.lr).toBe(0.05);
    expect(seen).toEqual(['drop 0.05', 'lr 0.05']);
    expect(decisions.map((d) => d.type)).toEqual(['badEvaluation', 'drop']);

    // The next observation proceeds from the committed state.
    offBug();
    monitor.observe({ metrics: { loss: 2 } });
    expect(monitor.lr).toBe(0.025);
  });

  it('connect() turns a listener exception into an error event and keeps the connection open', () => {
    const monitor = createMonitor(dropAbove1, { registry });
    const bug = new Error('listener bug');
    monitor.on('drop', () => {
      throw bug;
    });
    const errors: unknown[] = [];
    monitor.on('error', (e) => errors.push(e));
    const source = new Subject<ObservationInput>();
    const subscription = monitor.connect(source);
    source.next({ metrics: { loss: 2 } });
    source.next({ metrics: { loss: 2 } });
    expect(errors).toEqual([bug, bug]);
    expect(subscription.closed).toBe(false);
    expect(monitor.lr).toBe(0.025);
  });

  it('rethrows an error asynchronously when nobody listens for error events, rather than losing it', () => {
    vi.useFakeTimers();
    const monitor = createMonitor(dropAbove1, { registry });
    const source = new Subject<ObservationInput>();
    monitor.connect(source);
    source.error(new Error('unheard'));
    expect(() => vi.runAllTimers()).toThrow('unheard');
  });
});

describe('createMonitor with the built-in rules', () => {
  it('knows the built-in rules without a registry and emits their drops (torch ReduceLROnPlateau reference)', () => {
    // torch.optim.lr_scheduler.ReduceLROnPlateau(factor=0.5, patience=2): the rate is
    // reduced when num_bad_epochs > patience, i.e. on the 3rd bad evaluation in a row.
    const monitor = createMonitor({
      initialLearningRate: 0.1,
      metric: 'loss',
      rules: [{ kind: 'plateau', patience: 2, factor: 0.5, compat: 'torch' }],
    });
    const drops: Array<{ step: number; to: number }> = [];
    monitor.on('drop', (d) => drops.push({ step: d.step, to: d.to }));
    const rates = [1, 1, 1, 1, 1, 1, 1].map((loss) => {
      monitor.observe({ metrics: { loss } });
      return monitor.lr;
    });
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    expect(drops).toEqual([
      { step: 4, to: 0.05 },
      { step: 7, to: 0.025 },
    ]);
  });
});
