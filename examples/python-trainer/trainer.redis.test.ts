import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorker, observeLua, registerLua, type Worker } from '@anneal/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/test/run-cli.js';
import { type RedisServer, startRedis } from '../../packages/redis/test/redis-server.js';

// Runs only where a Python with torch and redis is installed (Debian: python3-torch,
// python3-redis); `pnpm test` never runs it (a *.redis.test.ts file).
const here = fileURLToPath(new URL('.', import.meta.url));
const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import torch, redis'], { stdio: 'ignore' }).status === 0,
);

function runPython(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(python as string, args, { cwd: here });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(python === undefined)('the Python trainer (PyTorch, redis-py)', () => {
  let server: RedisServer;
  let worker: Worker;
  beforeAll(async () => {
    server = await startRedis();
    worker = createWorker({ url: server.url, consumer: 'py-test', claimIdleMs: 1000 });
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.stop();
  });

  it('speaks the documented scripts, word for word', async () => {
    const result = await runPython(['-c', 'import json, trainer; print(json.dumps([trainer.REGISTER_LUA, trainer.OBSERVE_LUA]))']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([registerLua, observeLua]);
  });

  it('applies the rates the workers decided, and anneal simulate replays its log to the same rates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anneal-py-'));
    const log = join(dir, 'run.jsonl');
    const ratesFile = join(dir, 'rates.txt');
    const result = await runPython(['trainer.py', '--redis', server.url, '--run-id', 'py-1', '--epochs', '30', '--log', log, '--rates', ratesFile]);
    expect(result.code, result.stderr).toBe(0);
    const applied = readFileSync(ratesFile, 'utf8').trim().split('\n').map(Number);
    expect(new Set(applied).size).toBeGreaterThan(1); // the monitor did change the rate

    const simulated = await runCli(['simulate', join(here, 'monitor.json'), '--metrics', log]);
    expect(simulated.code, simulated.stderr).toBe(0);
    const rates = simulated.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { lr: number }).lr);
    expect(rates).toEqual(applied);
  });
});
