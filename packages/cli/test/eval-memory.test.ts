import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFile } from './run-cli.js';

// `anneal eval` makes, evaluates and writes its steps a slice at a time, each slice once the
// reader has taken the one before. Measured: 20 million steps into a reader that waited 15 s
// peaked at 1.2 GB RSS when the whole output was built and queued at once, 173 MB now; with
// a 64 MB heap the former aborted (out of memory) on 5 million steps, JSON and CSV alike.
const steps = 5_000_000;
const heapMb = 64;
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The real executable (through tsx) with a small heap, its stdout read only after a pause. */
function evalToSlowReader(config: string, format: string) {
  const args = [`--max-old-space-size=${heapMb}`, '--import', 'tsx', 'packages/cli/src/cli.ts', 'eval', config, '--steps', `0:${steps}`, '--format', format];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout.pause();
  setTimeout(() => child.stdout.resume(), 2000);
  let bytes = 0;
  let tail = '';
  child.stdout.on('data', (data: Buffer) => {
    bytes += data.length;
    tail = (tail + data.toString('latin1')).slice(-40);
  });
  return new Promise<{ code: number | null; stderr: string; bytes: number; tail: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, bytes, tail })),
  );
}

describe(`anneal eval of ${steps} steps into a slow reader within a ${heapMb} MB heap`, () => {
  it('writes every step, JSON and CSV, instead of running out of memory', { timeout: 300_000 }, async () => {
    // Constant 0.5: every rate prints as "0.5", so the output's length is known exactly.
    const config = tempFile({ kind: 'constant', initialLearningRate: 0.5 });
    let digits = 0;
    for (let i = 0; i < steps; i++) digits += String(i).length;
    const [json, csv] = [await evalToSlowReader(config, 'json'), await evalToSlowReader(config, 'csv')];
    for (const result of [json, csv]) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    // {"steps":[0,1,…],"lr":[0.5,…]}\n and step,lr\n then "i,0.5\n" per step.
    expect(json.bytes).toBe('{"steps":['.length + digits + (steps - 1) + '],"lr":['.length + 3 * steps + (steps - 1) + ']}\n'.length);
    expect(json.tail.endsWith('0.5,0.5]}\n')).toBe(true);
    expect(csv.bytes).toBe('step,lr\n'.length + digits + steps * ',0.5\n'.length);
    expect(csv.tail.endsWith(`\n${steps - 1},0.5\n`)).toBe(true);
  });
});
