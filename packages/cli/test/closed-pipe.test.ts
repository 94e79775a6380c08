import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFile } from './run-cli.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Runs the real executable with its stdout on a real pipe, reads `bytes` bytes and
 * then closes the reading end, as `anneal … | head -c bytes` does.
 */
function runAndCloseEarly(args: string[], bytes: number): Promise<{ code: number | null; signal: string | null; head: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/cli.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let head = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (head.length >= bytes) return;
      head += text.slice(0, bytes - head.length);
      if (head.length >= bytes) child.stdout.destroy(); // the reader goes away
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, head, stderr }));
  });
}

describe('a reader that closes the pipe early (anneal … | head -c 10)', () => {
  const config = tempFile({ kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 });

  it('ends eval quietly with status 0 (JSON output, 3 M steps)', { timeout: 180_000 }, async () => {
    const result = await runAndCloseEarly(['eval', config, '--steps', '0:3000000'], 10);
    expect(result.head).toBe('{"steps":[');
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });

  it('ends eval quietly with status 0 (CSV output, 300 k steps)', async () => {
    const result = await runAndCloseEarly(['eval', config, '--steps', '0:300000', '--format', 'csv'], 12);
    expect(result.head).toBe('step,lr\n0,0.');
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });
});
