// `pnpm bench redis`: @anneal/redis end to end on a local redis-server (Debian's), with
// 1, 2 and 4 `anneal serve` worker processes. Per worker count, two measurements:
//  - burst: every observation of every run published at once; obs/s = observations /
//    (time from the first observe() until the last one is committed);
//  - paced: each run behaves like a trainer, publishing its next observation once the
//    decisions of the previous one are readable (decisions$); latency = observe() called
//    → first decision of that observation received, p50 and p99 over all observations.
// The baseline is the same observations replayed by createMonitor().observe in this
// process: the ratio is what going through Redis and a worker costs per observation.
// Worker start-up is not timed. Skipped (with a note) where redis-server is missing.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createMonitor } from '@anneal/monitor';
import { createRunClient, keysFor } from '@anneal/redis';
import { configs, observationsOf, until } from '../packages/redis/test/fixtures.js';
import { hasRedisServer, startRedis } from '../packages/redis/test/redis-server.js';
import { ready, spawnWorker } from '../packages/redis/test/workers.js';
import { median, type Row, type Suite } from './harness.js';

const runs = Number(process.env.BENCH_REDIS_RUNS ?? 32);
const perRun = Number(process.env.BENCH_REDIS_OBSERVATIONS ?? 60);
const fsync = process.env.BENCH_REDIS_FSYNC === 'always' ? 'always' : 'everysec';
const workerCounts = (process.env.BENCH_REDIS_WORKERS ?? '1,2,4').split(',').map(Number);

// Configs whose runs never stop, so every observation makes at least one decision
// (improve, badEvaluation, nan or skip) and its latency can be taken on decisions$.
const benchConfigs = configs.filter((config) => !config.rules.some((rule) => rule.kind === 'earlyStop'));

/** CPU milliseconds a process has used (user + system, from /proc; Linux only, else NaN). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

export async function run(): Promise<Suite> {
  const title = '@anneal/redis: observations end to end through Redis and anneal serve workers';
  if (!hasRedisServer()) return { title, rows: [], notes: ['skipped: no redis-server on the PATH (apt-get install redis-server)'] };

  const streams = Array.from({ length: runs }, (_, r) => observationsOf(r, perRun, benchConfigs[r % benchConfigs.length]?.metric));
  const total = runs * perRun;
  // Baseline: the same replay in this process, monitors created included; median of 5 after a warm-up.
  const replayAll = () => {
    const start = performance.now();
    for (let r = 0; r < runs; r++) {
      const monitor = createMonitor(benchConfigs[r % benchConfigs.length]!);
      for (const observation of streams[r] ?? []) monitor.observe(observation);
    }
    return performance.now() - start;
  };
  replayAll();
  const baselineMs = median(Array.from({ length: 5 }, replayAll)) / total;

  const server = await startRedis({ fsync });
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const count of workerCounts) {
      const workers = Array.from({ length: count }, (_, i) => spawnWorker(server.url, `bench-${count}-${i}`, 5000));
      await Promise.all(workers.map((worker) => ready(worker)));
      const client = createRunClient({ url: server.url });
      try {
        // Burst.
        const burst = `burst-${count}`;
        for (let r = 0; r < runs; r++) await client.register(`${burst}-${r}`, benchConfigs[r % benchConfigs.length]!);
        const workersCpu = () => workers.reduce((sum, worker) => sum + cpuMs(worker.child.pid), 0);
        const cpuBefore = { workers: workersCpu(), redis: cpuMs(server.pid()) };
        const start = performance.now();
        await Promise.all(streams.map(async (observations, r) => {
          for (const observation of observations) await client.observe(`${burst}-${r}`, observation);
        }));
        await until(
          async () => (await Promise.all(streams.map((_, r) => client.committed(`${burst}-${r}`)))).every((c) => c === perRun - 1),
          120_000,
          'the burst to be committed',
        );
        const burstMs = performance.now() - start;
        const workerCpuUs = ((workersCpu() - cpuBefore.workers) * 1000) / total;
        const redisCpuUs = ((cpuMs(server.pid()) - cpuBefore.redis) * 1000) / total;

        // Paced: each run waits for its decisions before publishing again.
        const paced = `paced-${count}`;
        const latencies: number[] = [];
        const pacedStart = performance.now();
        await Promise.all(
          streams.map(async (observations, r) => {
            const runId = `${paced}-${r}`;
            await client.register(runId, benchConfigs[r % benchConfigs.length]!);
            const arrivals = new Map<number, number>(); // seq → when its first decision arrived
            let wake = () => {};
            const subscription = client.decisions$(runId).subscribe((d) => {
              if (!arrivals.has(d.seq)) arrivals.set(d.seq, performance.now());
              wake();
            });
            try {
              for (const observation of observations) {
                const t0 = performance.now();
                const seq = await client.observe(runId, observation);
                while (!arrivals.has(seq)) await new Promise<void>((resolve) => (wake = resolve));
                latencies.push((arrivals.get(seq) as number) - t0);
              }
            } finally {
              subscription.unsubscribe();
            }
          }),
        );
        const pacedMs = performance.now() - pacedStart;
        latencies.sort((a, b) => a - b);
        const oursMs = burstMs / total;
        rows.push({
          name: `${count} worker${count === 1 ? '' : 's'}`,
          oursMs,
          baselineMs,
          ratio: oursMs / baselineMs,
          note: `burst ${Math.round(total / (burstMs / 1000))} obs/s, CPU per obs: workers ${workerCpuUs.toFixed(0)} µs, redis ${redisCpuUs.toFixed(0)} µs; paced ${Math.round(total / (pacedMs / 1000))} obs/s, latency p50 ${median(latencies).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms`,
        });
      } finally {
        await client.close();
        for (const worker of workers) worker.child.kill('SIGTERM');
        await Promise.all(workers.map((worker) => worker.exited));
      }
    }
  } finally {
    await server.stop();
  }
  notes.push(
    `${runs} runs × ${perRun} observations (${total}) per measurement, configs (those without earlyStop) and metric streams of packages/redis/test/fixtures.ts`,
    `"ours ms" is burst milliseconds per observation end to end (observe → committed); baseline: createMonitor().observe in process, ${(baselineMs * 1000).toFixed(1)} µs per observation`,
    'CPU per observation (burst): user + system time of the worker processes and of redis-server from /proc, divided by the observations; unlike the times, it hardly depends on how busy the machine is',
    `load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}; redis-server with appendonly yes, appendfsync ${fsync} (BENCH_REDIS_FSYNC=always for every commit on disk before its reply); keys ${keysFor().prefix}*`,
  );
  return { title, rows, notes };
}
