import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import { createMonitor, type MigrationReport, type MonitorConfigInput } from '@anneal/monitor';

const base = { initialLearningRate: 0.1, metric: 'loss', minLr: 0.001 };
const original = { ...base, rules: [{ kind: 'plateau', patience: 1, factor: 0.5 }, { kind: 'earlyStop', patience: 50 }] } satisfies MonitorConfigInput;

function runOriginal() {
  const monitor = createMonitor(original);
  for (const loss of [1, 0.9, 0.95, 0.96, 0.97]) monitor.observe({ metrics: { loss } });
  return monitor;
}

describe('migrate: resume into a changed config', () => {
  it('without migrate, refuses a snapshot of another config as before', () => {
    const snapshot = runOriginal().snapshot();
    const changed = { ...original, rules: [{ kind: 'plateau', patience: 5, factor: 0.5 }, { kind: 'earlyStop', patience: 50 }] } satisfies MonitorConfigInput;
    expect(() => createMonitor(changed, { restore: snapshot })).toThrow(AnnealError);
    expect(() => createMonitor(changed, { restore: snapshot })).toThrow(/migrate: true/);
  });

  it('carries the position and the rule states whose kind and position match; reports what it kept and reset', () => {
    const before = runOriginal();
    expect(before.state.scale).toBe(0.5); // one drop at step 4
    const changed = { ...original, rules: [{ kind: 'plateau', patience: 5, factor: 0.5 }, { kind: 'greedy' }] } satisfies MonitorConfigInput;
    const monitor = createMonitor(changed, { restore: JSON.parse(JSON.stringify(before.snapshot())), migrate: true });
    const { rules: _rules, ...position } = before.state;
    expect(monitor.state).toMatchObject(position);
    expect(monitor.state.rules[0]).toEqual(before.state.rules[0]); // plateau kept: same kind, same position
    expect(monitor.state.rules[1]).toEqual(createMonitor(changed).state.rules[1]); // greedy fresh
    expect(monitor.migration).toEqual({
      kept: ['position (step, count, scale, origin, stretch, restarts, best, counters)', 'rules[0] plateau'],
      reset: ['rules[1] greedy: the snapshot had kind "earlyStop" there'],
    });
    expect(monitor.lr).toBe(0.05);
  });

  it('emits the migrate event before the first observation’s events, once', () => {
    const changed = { ...original, rules: [{ kind: 'plateau', patience: 5, factor: 0.5 }] } satisfies MonitorConfigInput;
    const monitor = createMonitor(changed, { restore: runOriginal().snapshot(), migrate: true });
    const seen: string[] = [];
    monitor.on('migrate', (report: MigrationReport) => seen.push(`migrate ${report.kept.length}/${report.reset.length}`));
    monitor.on('badEvaluation', () => seen.push('badEvaluation'));
    monitor.observe({ metrics: { loss: 2 } });
    monitor.observe({ metrics: { loss: 2 } });
    expect(seen).toEqual(['migrate 2/0', 'badEvaluation', 'badEvaluation']);
  });

  it('continues as the new config would from the carried state (patience 5 counts on from the kept counter)', () => {
    const changed = { ...original, rules: [{ kind: 'plateau', patience: 3, factor: 0.5 }] } satisfies MonitorConfigInput;
    const monitor = createMonitor(changed, { restore: runOriginal().snapshot(), migrate: true });
    // plateau's counter was reset by the drop at step 4, then step 5 was bad: bad = 1.
    expect(monitor.state.rules[0]).toMatchObject({ bad: 1 });
    const drops = [6, 7, 8].map((step) => monitor.observe({ step, metrics: { loss: 1 } }).some((d) => d.type === 'drop'));
    expect(drops).toEqual([false, false, true]); // bad 2, 3, 4 > patience 3
  });

  it('resets a rule whose state the new schema refuses, and a smoother whose smoothing changed', () => {
    const withSmoothing = { ...base, smoothing: { kind: 'mean', window: 3 }, rules: [{ kind: 'plateau' }] } satisfies MonitorConfigInput;
    const first = createMonitor(withSmoothing);
    first.observe({ metrics: { loss: 1 } });
    const snapshot = first.snapshot() as unknown as { state: { rules: unknown[] } };
    snapshot.state.rules[0] = { best: 'not a number' };
    const changed = { ...withSmoothing, smoothing: { kind: 'mean', window: 5 } } satisfies MonitorConfigInput;
    const monitor = createMonitor(changed, { restore: snapshot, migrate: true });
    expect(monitor.migration?.reset).toEqual([
      expect.stringMatching(/^rules\[0\] plateau: its state does not fit the rule/),
      'smoother: the snapshot smoothed otherwise or not at all',
    ]);
    expect(monitor.state.smoother).toEqual({ kind: 'mean', values: [] });
  });

  it('with the same config, restores exactly and reports no migration', () => {
    const before = runOriginal();
    const monitor = createMonitor(original, { restore: before.snapshot(), migrate: true });
    expect(monitor.migration).toBeNull();
    expect(monitor.state).toEqual(before.state);
  });

  it('still refuses a corrupted snapshot', () => {
    expect(() => createMonitor(original, { restore: { version: 1, fingerprint: 'zz', state: {} }, migrate: true })).toThrow(AnnealError);
  });
});
