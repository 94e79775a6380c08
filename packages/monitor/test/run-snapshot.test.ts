import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import { createMonitor, isMonitor, parseRunSnapshot, runSnapshotVersion } from '@anneal/monitor';

const config = { initialLearningRate: 0.1, metric: 'loss' };

describe('run snapshots (shared by the adapters)', () => {
  it('tells a monitor from a config', () => {
    expect(isMonitor(createMonitor(config))).toBe(true);
    expect(isMonitor(config)).toBe(false);
    expect(isMonitor(null)).toBe(false);
  });

  it('accept the envelope an adapter writes around a monitor snapshot', () => {
    const snapshot = { version: runSnapshotVersion, step: 120, epoch: 3, monitor: createMonitor(config).snapshot() };
    expect(parseRunSnapshot(JSON.parse(JSON.stringify(snapshot)), 'loop')).toEqual(snapshot);
  });

  it.each([
    [null, ''],
    [{ version: 2, step: 0, epoch: 0, monitor: {} }, 'version'],
    [{ version: 1, step: -1, epoch: 0, monitor: {} }, 'step'],
    [{ version: 1, step: 0, epoch: 1.5, monitor: {} }, 'epoch'],
    [{ version: 1, step: 0, epoch: 0, monitor: null }, 'monitor'],
  ])('refuse a corrupt envelope with INVALID_SNAPSHOT naming the adapter and the field: %o', (input, path) => {
    try {
      parseRunSnapshot(input, 'tfjs');
      expect.unreachable();
    } catch (error) {
      expect((error as AnnealError).code).toBe('INVALID_SNAPSHOT');
      expect((error as AnnealError).path).toBe(path);
      expect((error as AnnealError).message).toMatch(/^Invalid tfjs snapshot: /);
    }
  });
});

describe('run snapshots: the optional base, schedule and interval members', () => {
  const monitor = createMonitor(config).snapshot();
  it('accept a recorded optimizer rate, a function schedule and the epoch interval', () => {
    const snapshot = { version: runSnapshotVersion, step: 4, epoch: 2, monitor, baseLearningRate: 0.001, schedule: 'function', interval: 'epoch' };
    expect(parseRunSnapshot(JSON.parse(JSON.stringify(snapshot)), 'loop')).toEqual(snapshot);
  });

  it.each([
    [{ baseLearningRate: -1 }, 'baseLearningRate'],
    [{ baseLearningRate: '0.1' }, 'baseLearningRate'],
    [{ schedule: 'cosine' }, 'schedule'],
    [{ interval: 'step' }, 'interval'],
  ])('refuse %o naming the field', (extra, path) => {
    const input = { version: runSnapshotVersion, step: 0, epoch: 0, monitor, ...extra };
    expect(() => parseRunSnapshot(input, 'loop')).toThrow(expect.objectContaining({ code: 'INVALID_SNAPSHOT', path }));
  });

  it.each([
    [{ step: -1 }, 'Invalid loop snapshot: step: must be an integer >= 0 (got -1)'],
    [{ epoch: 1.5 }, 'Invalid loop snapshot: epoch: must be an integer >= 0 (got 1.5)'],
    [{ version: 2 }, 'Invalid loop snapshot: version: must be 1 (the run-snapshot format this version of anneal reads) (got 2)'],
    [{ baseLearningRate: Infinity }, 'Invalid loop snapshot: baseLearningRate: must be a finite number >= 0 when present (got Infinity)'],
    [{ interval: 'step' }, 'Invalid loop snapshot: interval: must be "batch" or "epoch" when present (got "step")'],
  ])('word %o with the field, the value and the rule', (extra, message) => {
    const input = { version: runSnapshotVersion, step: 0, epoch: 0, monitor, ...extra };
    expect(() => parseRunSnapshot(input, 'loop')).toThrow(message);
  });

  it('list every bad member, not only the first', () => {
    const error = (() => {
      try {
        parseRunSnapshot({ version: 1, step: -1, epoch: 'x', monitor }, 'loop');
      } catch (caught) {
        return caught as AnnealError;
      }
    })();
    expect(error?.issues.map((issue) => issue.path)).toEqual(['step', 'epoch']);
    expect(error?.message).toBe('Invalid loop snapshot:\n  - step: must be an integer >= 0 (got -1)\n  - epoch: must be an integer >= 0 (got "x")');
  });
});
