// `anneal serve` as child processes (through tsx, from the sources; see serve-process.ts), for the fault tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

export function spawnWorker(url: string, consumer: string, claimIdleMs: number): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/redis/test/serve-process.ts', '--redis', url, '--consumer', consumer, '--claim-idle-ms', String(claimIdleMs)],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stderr: () => stderr, exited };
}

/** Waits until the worker printed that it is ready. */
export async function ready(worker: WorkerProcess, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (!worker.stderr().includes('ready')) {
    if (Date.now() - start > timeoutMs) throw new Error(`worker not ready: ${worker.stderr()}`);
    if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
