// The demo's JSONL must replay to the decisions the run made: `anneal simulate` of the
// written file and the live callback see the same observations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '@anneal/cli';
import { createMonitor, type Decision, parseMonitorConfig } from '@anneal/monitor';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadData, metricsLog, type RunResult, train } from './train.js';

const configPath = fileURLToPath(new URL('./monitor.json', import.meta.url));
const config = parseMonitorConfig(JSON.parse(readFileSync(configPath, 'utf8')));
let run: RunResult;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const data = loadData();
  // Six epochs of the demo: the severityDrop of its fifth epoch is among them.
  run = await train(data, { epochs: 6, monitor: config });
  tf.dispose(Object.values(data));
}, 120_000); // six epochs of training: seconds alone, far more on a shared, loaded machine

const withoutStep = ({ step: _step, ...rest }: Decision) => rest;

describe('examples/tfjs-fit', () => {
  it('records observations whose replay through a fresh monitor gives the run’s decisions and rates', () => {
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

  it('writes a JSONL log that `anneal simulate --all-events` replays to the same decisions, line by line', async () => {
    const logPath = '/virtual/tfjs-fit.jsonl';
    const files: Record<string, string> = { [configPath]: readFileSync(configPath, 'utf8'), [logPath]: metricsLog(run.epochs) };
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      readFile: async (path: string) => files[path] ?? Promise.reject(new Error(`no file ${path}`)),
    };
    const status = await main(['simulate', configPath, '--metrics', logPath, '--all-events'], io);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((text) => JSON.parse(text));
    expect(lines.map((l) => [l.step, l.epoch])).toEqual(run.epochs.map((r) => [r.step, r.epoch]));
    expect(lines.map((l) => l.events)).toEqual(run.epochs.map((r) => r.decisions.map(withoutStep)));
    // Guard: the run is not all improvements, so the replay has a rate change to agree on.
    expect(run.epochs.flatMap((r) => r.decisions).some((d) => d.type === 'drop')).toBe(true);
  });
});
