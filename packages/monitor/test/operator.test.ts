import { describe, expect, it } from 'vitest';
import { from, Observable, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { AnnealError } from '@anneal/core';
import { applyRules, createMonitor, type Decision, type ObservationInput } from '@anneal/monitor';
import { testRegistry } from './support/test-rules.js';

const registry = testRegistry();
const config = { initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'above', limit: 1, factor: 0.5 }] } as const;

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

// Observations a–d and the decisions the `above` rule (drop ×0.5 when loss > 1) must give.
const obs: Record<string, ObservationInput> = {
  a: { step: 1, metrics: { loss: 0.5 } },
  b: { step: 2, metrics: { loss: 2 } },
  c: { step: 3, metrics: { loss: 0.3 } },
  x: { step: 0, metrics: { loss: 0.1 } }, // goes backwards after any of the above
};
const decisions: Record<string, Decision> = {
  i: { type: 'improve', step: 1, value: 0.5, previous: null },
  w: { type: 'badEvaluation', step: 2, value: 2, best: 0.5, count: 1 },
  d: { type: 'drop', rule: 'above', reason: 'value 2 > 1', step: 2, from: 0.1, to: 0.05 },
  j: { type: 'improve', step: 3, value: 0.3, previous: 0.5 },
};

describe('applyRules', () => {
  it('emits each observation’s decisions in the frame the observation arrives, and completes with the source', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b----c-|', obs);
      expectObservable(source.pipe(applyRules(config, { registry }))).toBe('-i-(wd)-j-|', decisions);
      expectSubscriptions(source.subscriptions).toBe('^---------!');
    });
  });

  it('errors the stream with the AnnealError of an invalid observation and unsubscribes from the source', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-x-c-|', obs);
      const error = expect.objectContaining({ name: 'AnnealError', code: 'INVALID_OBSERVATION' });
      expectObservable(source.pipe(applyRules(config, { registry }))).toBe('-i-#', decisions, error);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('passes a source error through unchanged', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-#', obs, new Error('trainer crashed'));
      expectObservable(source.pipe(applyRules(config, { registry }))).toBe('-i-#', decisions, new Error('trainer crashed'));
    });
  });

  it('is cold: every subscription starts from the initial state', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const result = cold('-a-b----|', obs).pipe(applyRules(config, { registry }));
      expectObservable(result).toBe('-i-(wd)-|', decisions);
      expectObservable(result).toBe('-i-(wd)-|', decisions);
    });
  });

  it('unsubscribes from the source when the subscriber leaves', () => {
    scheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b--c-|', obs);
      expectObservable(source.pipe(applyRules(config, { registry })), '^----!').toBe('-i-(wd)', decisions);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('stops a synchronous source at the first invalid observation', () => {
    let closedAfterBadObservation: boolean | undefined;
    const source = new Observable<ObservationInput>((subscriber) => {
      subscriber.next(obs.a as ObservationInput);
      subscriber.next(obs.x as ObservationInput);
      closedAfterBadObservation = subscriber.closed;
      subscriber.next(obs.c as ObservationInput);
    });
    const seen: Decision[] = [];
    let error: unknown;
    source.pipe(applyRules(config, { registry })).subscribe({ next: (d) => seen.push(d), error: (e) => (error = e) });
    expect(error).toBeInstanceOf(AnnealError);
    expect(closedAfterBadObservation).toBe(true);
    expect(seen).toEqual([decisions.i]);
  });

  it('emits nothing more once a downstream take() is satisfied, even mid-observation', () => {
    const seen: Decision[] = [];
    from([obs.a, obs.b, obs.c] as ObservationInput[])
      .pipe(applyRules(config, { registry }), take(2))
      .subscribe((d) => seen.push(d));
    expect(seen).toEqual([decisions.i, decisions.w]);
  });

  it('validates the config when applyRules is called, not on subscribe', () => {
    expect(() => applyRules({ ...config, rules: [{ kind: 'above' }] }, { registry })).toThrow(/rules\[0\]\.limit/);
  });

  it('continues from a snapshot with the decisions of the uninterrupted run', () => {
    const monitor = createMonitor(config, { registry });
    monitor.observe(obs.a as ObservationInput);
    const snapshot = JSON.parse(JSON.stringify(monitor.snapshot()));
    scheduler().run(({ cold, expectObservable }) => {
      const rest = cold('-b---c|', obs).pipe(applyRules(config, { registry, restore: snapshot }));
      expectObservable(rest).toBe('-(wd)j|', decisions);
    });
  });
});
