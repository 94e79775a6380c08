// Every kind of bad input the issue lists, each with the AnnealError code and the path
// it must name. (Rule-specific options: rule-conformance.ts; snapshots: snapshot.test.ts.)
import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import { createMonitor, type Monitor } from '@anneal/monitor';

const config = { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 1 }] } as const;

function thrown(run: () => unknown): AnnealError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnnealError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('a bad config is rejected with INVALID_CONFIG and the path of the field', () => {
  it.each([
    ['an unknown rule kind', { rules: [{ kind: 'plateu' }] }, 'rules[0].kind'],
    ['a rule without a kind', { rules: [{ patience: 3 }] }, 'rules[0].kind'],
    ['a bad option', { rules: [{ kind: 'plateau', factor: 1.5 }] }, 'rules[0].factor'],
    ['a bad option of a second rule', { rules: [{ kind: 'plateau' }, { kind: 'earlyStop', patience: 2.5 }] }, 'rules[1].patience'],
    ['a misspelt option', { rules: [{ kind: 'plateau', patiense: 3 }] }, 'rules[0].patiense'],
    ['a bad mode', { mode: 'minimize' }, 'mode'],
    ['a non-finite initialLearningRate', { initialLearningRate: Number.POSITIVE_INFINITY }, 'initialLearningRate'],
    ['a negative minLr', { minLr: -1 }, 'minLr'],
    ['maxLr below minLr', { minLr: 0.1, maxLr: 0.01 }, 'maxLr'],
    ['an empty metric name', { metric: '' }, 'metric'],
    ['a bad onMissing', { onMissing: 'ignore' }, 'onMissing'],
  ])('%s', (_, change, path) => {
    const error = thrown(() => createMonitor({ ...config, ...change } as never)); // each is a compile error too
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path === '' ? 'Invalid monitor config' : `${path}:`);
  });
});

describe('a bad observation is rejected with INVALID_OBSERVATION and the path, leaving the state alone', () => {
  function started(): Monitor {
    const monitor = createMonitor(config);
    monitor.observe({ step: 10, metrics: { val_loss: 1 } });
    return monitor;
  }

  it.each([
    ['a step that goes backwards', { step: 9, metrics: { val_loss: 1 } }, 'step'],
    ['a NaN step', { step: Number.NaN, metrics: { val_loss: 1 } }, 'step'],
    ['an infinite step', { step: Number.POSITIVE_INFINITY, metrics: { val_loss: 1 } }, 'step'],
    ['a negative step', { step: -1, metrics: { val_loss: 1 } }, 'step'],
    ['a fractional epoch', { step: 11, epoch: 0.5, metrics: { val_loss: 1 } }, 'epoch'],
    ['a missing monitored metric (onMissing "error")', { step: 11, metrics: { loss: 1 } }, 'metrics.val_loss'],
    ['a metric that is not a number', { step: 11, metrics: { val_loss: '0.3' } }, 'metrics.val_loss'],
    ['a metric that is null (JSON’s spelling of NaN)', { step: 11, metrics: { val_loss: null } }, 'metrics.val_loss'],
    ['no metrics object', { step: 11 }, 'metrics'],
  ])('%s', (_, observation, path) => {
    const monitor = started();
    const before = monitor.state;
    const error = thrown(() => monitor.observe(observation as never));
    expect(error.code).toBe('INVALID_OBSERVATION');
    expect(error.path).toBe(path);
    expect(monitor.state).toBe(before);
  });

  it('but takes a non-finite metric value: a bad evaluation with a nan decision, never the best', () => {
    const monitor = started();
    for (const [i, value] of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].entries()) {
      const decisions = monitor.observe({ step: 11 + i, metrics: { val_loss: value } });
      expect(decisions.map((d) => d.type).slice(0, 2)).toEqual(['nan', 'badEvaluation']);
      expect(decisions[0]).toMatchObject({ type: 'nan', metric: 'val_loss', value });
    }
    expect(monitor.state.best).toBe(1);
  });

  it('and skips a missing metric under onMissing "skip", with a skip decision', () => {
    const monitor = createMonitor({ ...config, onMissing: 'skip' });
    expect(monitor.observe({ step: 1, metrics: { loss: 1 } })).toEqual([
      { type: 'skip', rule: 'monitor', reason: 'metric "val_loss" missing', step: 1 },
    ]);
    expect(monitor.state.sinceImprovement).toBe(0);
  });
});

describe('a bad snapshot is rejected with INVALID_SNAPSHOT and the path', () => {
  const snapshotOf = (c: unknown): unknown => {
    const monitor = createMonitor(c as never);
    monitor.observe({ metrics: { val_loss: 1 } });
    return JSON.parse(JSON.stringify(monitor.snapshot()));
  };

  it.each([
    ['a snapshot of another config', snapshotOf({ ...config, rules: [{ kind: 'plateau', patience: 2 }] }), 'fingerprint'],
    ['a truncated snapshot', (({ state: _, ...rest }) => rest)(snapshotOf(config) as { state: unknown }), 'state'],
    ['a corrupted rule state', (() => {
      const s = snapshotOf(config) as { state: { rules: Array<{ bad: unknown }> } };
      (s.state.rules[0] as { bad: unknown }).bad = -1;
      return s;
    })(), 'state.rules[0].bad'],
    ['a corrupted count', (() => {
      const s = snapshotOf(config) as { state: { count: unknown } };
      s.state.count = 'one';
      return s;
    })(), 'state.count'],
  ])('%s', (_, snapshot, path) => {
    const error = thrown(() => createMonitor(config, { restore: snapshot }));
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe(path);
  });
});
