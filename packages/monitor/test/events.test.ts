import { describe, expect, expectTypeOf, it } from 'vitest';
import { Subject } from 'rxjs';
import { createMonitor, type DecisionOf, type LrChange, type MonitorEventName, type ObservationInput } from '@anneal/monitor';
import { testRegistry } from './support/test-rules.js';

const registry = testRegistry();

/** Records every event of a monitor as [name, payload], in emission order. */
function record(monitor: ReturnType<typeof createMonitor>) {
  const log: Array<[MonitorEventName, unknown]> = [];
  const names: MonitorEventName[] = ['improve', 'badEvaluation', 'drop', 'restart', 'stop', 'nan', 'skip', 'lr', 'error'];
  for (const name of names) monitor.on(name, (payload: unknown) => log.push([name, payload]));
  return log;
}

describe('monitor events', () => {
  it('emits one event per decision, named by its type and carrying the decision, then lr when the rate changed', () => {
    const monitor = createMonitor(
      {
        initialLearningRate: 0.1,
        metric: 'loss',
        onMissing: 'skip',
        rules: [
          { kind: 'patience', patience: 0, factor: 0.5 },
          { kind: 'restartAfter', after: 1, mMul: 1, tMul: 1, maxRestarts: 1 },
        ],
      },
      { registry },
    );
    const log = record(monitor);
    const returned = [
      monitor.observe({ step: 1, metrics: { loss: 1 } }), // improve
      monitor.observe({ step: 2, metrics: { loss: Number.NaN } }), // nan, bad → drop 0.1 → 0.05
      monitor.observe({ step: 3, metrics: { other: 0 } }), // skip
      monitor.observe({ step: 4, metrics: { loss: 2 } }), // bad; one drop done → restart to 0.1
      monitor.observe({ step: 5, metrics: { loss: 3 } }), // bad → drop 0.1 → 0.05 (a restart-count check comes first)
      monitor.observe({ step: 6, metrics: { loss: 4 } }), // restarts exhausted → stop
    ];
    const decisionEvents = log.filter(([name]) => name !== 'lr');
    expect(decisionEvents).toEqual(returned.flat().map((d) => [d.type, d]));
    expect(log.map(([name]) => name)).toEqual([
      'improve',
      'nan',
      'badEvaluation',
      'drop',
      'lr',
      'skip',
      'badEvaluation',
      'restart',
      'lr',
      'badEvaluation',
      'drop',
      'lr',
      'badEvaluation',
      'stop',
    ]);
    const lrEvents = log.filter(([name]) => name === 'lr').map(([, payload]) => payload);
    expect(lrEvents).toEqual([
      { step: 2, lr: 0.05, previous: 0.1 },
      { step: 4, lr: 0.1, previous: 0.05 },
      { step: 5, lr: 0.05, previous: 0.1 },
    ]);
  });

  it('emits error with the source’s error for a connected source that fails', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { registry });
    const log = record(monitor);
    const source = new Subject<ObservationInput>();
    monitor.connect(source);
    const failure = new Error('disk full');
    source.error(failure);
    expect(log).toEqual([['error', failure]]);
  });

  it('types each payload by its event name', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { registry });
    monitor.on('drop', (d) => expectTypeOf(d).toEqualTypeOf<DecisionOf<'drop'>>());
    monitor.on('restart', (d) => expectTypeOf(d.restart).toEqualTypeOf<number>());
    monitor.on('nan', (d) => expectTypeOf(d.metric).toEqualTypeOf<string>());
    monitor.on('lr', (c) => expectTypeOf(c).toEqualTypeOf<LrChange>());
    monitor.on('error', (e) => expectTypeOf(e).toEqualTypeOf<unknown>());
    // @ts-expect-error: not an event of the monitor
    monitor.on('dropped', () => {});
  });

  it('on() returns the function that unsubscribes that listener alone', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { registry });
    const seen: string[] = [];
    const offFirst = monitor.on('badEvaluation', () => seen.push('first'));
    monitor.on('badEvaluation', () => seen.push('second'));
    monitor.observe({ metrics: { loss: Number.NaN } });
    offFirst();
    offFirst(); // idempotent
    monitor.observe({ metrics: { loss: Number.NaN } });
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  // observe() skips the emits while nobody listens; these would notice a wrong count.
  it('tells a listener added after every earlier one was removed (twice), and one added mid-run', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { registry });
    const seen: number[] = [];
    monitor.observe({ step: 1, metrics: { loss: 1 } }); // nobody listens yet
    const off = monitor.on('badEvaluation', () => seen.push(-1));
    off();
    off(); // a second call must not count the listener out twice
    monitor.on('badEvaluation', (d) => seen.push(d.step));
    monitor.observe({ step: 2, metrics: { loss: 2 } });
    monitor.observe({ step: 3, metrics: { loss: 3 } });
    expect(seen).toEqual([2, 3]);
  });

  it('feeds decisions$ subscribers when no event listener is registered', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { registry });
    const types: string[] = [];
    monitor.decisions$.subscribe((d) => types.push(d.type));
    monitor.observe({ step: 1, metrics: { loss: 1 } });
    monitor.observe({ step: 2, metrics: { loss: 2 } });
    expect(types).toEqual(['improve', 'badEvaluation']);
  });

  it("does not expose eventemitter3's API (the emitter is kept inside)", () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss' }, { registry }) as unknown as Record<string, unknown>;
    for (const method of ['emit', 'off', 'once', 'removeAllListeners', 'listenerCount', 'addListener']) {
      expect(monitor[method], method).toBeUndefined();
    }
  });
});
