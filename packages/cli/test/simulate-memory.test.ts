import { spawn } from 'node:child_process';
import { createWriteStream, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, tempFile } from './run-cli.js';

// `anneal simulate --plot` streams its metrics log (two passes, neither keeping it) and
// reduces the chart as it replays, so its heap does not grow with the log. Measured on
// 300 000 lines (14 MB of JSONL): the reader that held the whole log ran out of memory
// under --max-old-space-size=80 for JSONL and CSV alike; the streaming one finishes
// under 64 (and needs about 45, tsx and the SVG renderer included, whatever the length).
const lines = 300_000;
const heapMb = 64;

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function writeLog(path: string, line: (step: number, loss: string) => string, header = ''): Promise<void> {
  const out = createWriteStream(path);
  let chunk = header;
  for (let step = 1; step <= lines; step++) {
    chunk += line(step, (2 / Math.sqrt(1 + Math.floor(step / 50_000) * 50) + ((step * 7919) % 1000) / 20_000).toFixed(5));
    if (chunk.length > 1 << 16) {
      out.write(chunk);
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).on('error', reject));
}

/** The real executable (through tsx) in a child with a small heap; its stdout goes to a file. */
function simulate(monitor: string, log: string, name: string) {
  const stdoutPath = join(tempDir, `${name}.out`);
  const svgPath = join(tempDir, `${name}.svg`);
  const args = [`--max-old-space-size=${heapMb}`, '--import', 'tsx', 'packages/cli/src/cli.ts', 'simulate', monitor, '--metrics', log, '--plot', svgPath];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', openSync(stdoutPath, 'w'), 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise<{ code: number | null; stderr: string; stdoutPath: string; svgPath: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, stdoutPath, svgPath })),
  );
}

describe(`anneal simulate --plot on ${lines} lines within a ${heapMb} MB heap`, () => {
  it('replays a JSONL and a CSV log to the end, every line printed, the chart drawn', { timeout: 300_000 }, async () => {
    const monitor = tempFile({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 2000, factor: 0.5 }] });
    const jsonl = join(tempDir, 'memory.jsonl');
    const csv = join(tempDir, 'memory.csv');
    await writeLog(jsonl, (step, loss) => `{"step":${step},"metrics":{"val_loss":${loss}}}\n`);
    await writeLog(csv, (step, loss) => `${step},${loss}\n`, 'step,val_loss\n');
    const results = await Promise.all([simulate(monitor, jsonl, 'memory-jsonl'), simulate(monitor, csv, 'memory-csv')]);
    for (const { code, stderr, stdoutPath, svgPath } of results) {
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const out = readFileSync(stdoutPath, 'utf8');
      expect(out.length - out.replaceAll('\n', '').length).toBe(lines);
      expect(out.slice(out.lastIndexOf('\n', out.length - 2) + 1)).toMatch(new RegExp(`^\\{"index":${lines - 1},"step":${lines},`));
      expect(statSync(svgPath).size).toBeLessThan(2_000_000);
    }
    // Both logs hold the same observations: the same replay.
    expect(readFileSync(results[0]?.stdoutPath as string, 'utf8')).toBe(readFileSync(results[1]?.stdoutPath as string, 'utf8'));
  });
});
