// The demo's JSONL must replay to the decisions the run made: `anneal simulate` of the
// written file and the live callback see the same observations.
import { readFileSync } from 'node:fs';
import { createMonitor } from '@anneal/monitor';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadData, train } from './train.js';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('examples/tfjs-fit', () => {
  it('records observations whose replay through a fresh monitor gives the run’s decisions and rates', async () => {
    const config: unknown = JSON.parse(readFileSync(new URL('./monitor.json', import.meta.url), 'utf8'));
    const data = loadData();
    const run = await train(data, { epochs: 6, monitor: config });
    tf.dispose(Object.values(data));
    expect(run.epochs.map((r) => r.step)).toEqual([30, 60, 90, 120, 150, 180]);

    const replay = createMonitor(config);
    for (const [i, record] of run.epochs.entries()) {
      const line = JSON.parse(JSON.stringify({ step: record.step, epoch: record.epoch, metrics: record.metrics }));
      expect(replay.observe(line)).toEqual(record.decisions);
      // The rate the optimizer used on the next epoch's last batch is the replayed lrAt.
      const next = run.epochs[i + 1];
      if (next !== undefined) expect(next.lr).toBeCloseTo(replay.lrAt(next.step - 1), 12);
    }
  });
});
