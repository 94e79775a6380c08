// Crash and resume end to end: a run killed in the middle of epoch 4 (process.exit, in
// its own process) and run again from its files ends with the same rates, epoch by
// epoch, as an uninterrupted run — and the same val_loss, since the weights and the
// optimizer's moments come back exactly.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { train } from './train.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)('pnpm', ['exec', 'tsx', main, ...args], { cwd: root }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
const epochsOf = (dir: string) =>
  readFileSync(join(dir, 'epochs.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { epoch: number; learning_rate: number; val_loss: number });

const epochs = 8;
let whole: ReturnType<typeof epochsOf>;
let resumed: ReturnType<typeof epochsOf>;
let codes: number[];

beforeAll(async () => {
  const wholeDir = mkdtempSync(join(tmpdir(), 'anneal-whole-'));
  const crashDir = mkdtempSync(join(tmpdir(), 'anneal-crash-'));
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const crashed = run(['--dir', crashDir, '--epochs', String(epochs), '--crash-at', '4']);
  await train({ dir: wholeDir, epochs }); // the uninterrupted run, meanwhile, in this process
  codes = [await crashed];
  const afterCrash = epochsOf(crashDir);
  codes.push(await run(['--dir', crashDir, '--epochs', String(epochs)]));
  whole = epochsOf(wholeDir);
  resumed = epochsOf(crashDir);
  expect(afterCrash.map((e) => e.epoch)).toEqual([0, 1, 2, 3]); // epoch 4 died before its end
}, 600_000);

describe('examples/tfjs-resume', () => {
  it('the crash killed the process mid-epoch and the second run finished', () => {
    expect(codes).toEqual([75, 0]);
  });

  it('the resumed run has the uninterrupted run’s learning_rate at every epoch', () => {
    expect(resumed.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(resumed.map((e) => e.learning_rate)).toEqual(whole.map((e) => e.learning_rate));
    // Decisions happened on both sides of the cut (rates went down after epoch 4 too).
    expect(new Set(whole.slice(4).map((e) => e.learning_rate)).size).toBeGreaterThan(1);
  });

  it('and the same val_loss, bit for bit (weights and Adam moments restored exactly)', () => {
    expect(resumed.map((e) => e.val_loss)).toEqual(whole.map((e) => e.val_loss));
  });
});
