import { createRunClient, createWorker, keysFor, type RunClient } from '@anneal/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configs, observationsOf, replay, until } from './fixtures.js';
import { type RedisServer, startRedis } from './redis-server.js';
import { ready, spawnWorker, type WorkerProcess } from './workers.js';

let server: RedisServer;
let client: RunClient;
let raw: Redis;
const keys = keysFor();
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  server = await startRedis();
  client = createRunClient({ url: server.url });
  raw = new Redis(server.url);
});

afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await client?.close();
  raw?.disconnect();
  await server?.stop();
});

const pendingCount = async () => ((await raw.xpending(keys.observations, keys.group)) as [number])[0];

describe('anneal serve under faults', () => {
  it('three workers, one SIGKILLed mid-stream and another started: every run equals a local replay', async () => {
    const runs = 12;
    const count = 60;
    const claimIdleMs = 1500;
    const streams = Array.from({ length: runs }, (_, r) => observationsOf(r, count));
    for (let r = 0; r < runs; r++) await client.register(`sweep-${r}`, configs[r % configs.length]!);

    const started = ['w1', 'w2', 'w3'].map((name) => spawnWorker(server.url, name, claimIdleMs));
    workers.push(...started);
    await Promise.all(started.map((worker) => ready(worker)));

    let killedWithPending = -1;
    for (let i = 0; i < count; i++) {
      // Interleaved: observation i of every run, then i + 1, ... in one pipeline each round.
      await Promise.all(streams.map((observations, r) => client.observe(`sweep-${r}`, observations[i] as never)));
      if (i === Math.floor(count / 3)) {
        started[1]?.child.kill('SIGKILL');
        await started[1]?.exited;
        const consumers = (await raw.xinfo('CONSUMERS', keys.observations, keys.group)) as unknown[][];
        const w2 = consumers.find((fields) => fields[1] === 'w2');
        killedWithPending = Number(w2?.[3] ?? 0);
        const replacement = spawnWorker(server.url, 'w4', claimIdleMs);
        workers.push(replacement);
        await ready(replacement);
      }
    }
    await until(
      async () => {
        const committed = await Promise.all(streams.map((_, r) => client.committed(`sweep-${r}`)));
        return committed.every((c) => c === count - 1);
      },
      90_000,
      'every run committed to its last observation',
    );
    for (let r = 0; r < runs; r++) {
      expect(await client.readDecisions(`sweep-${r}`), `run sweep-${r}`).toEqual(replay(configs[r % configs.length], streams[r] as never));
    }
    expect(await pendingCount()).toBe(0);
    expect(await raw.xlen(keys.deadLetters)).toBe(0);
    // Logged so a reader sees whether the kill left entries for XAUTOCLAIM this time
    // (the next test forces that case deterministically).
    console.log(`w2 held ${killedWithPending} pending entries when it was killed`);

    // SIGTERM: each live worker finishes what it holds and exits 0.
    for (const worker of workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null)) {
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }
  });

  it("claims a dead consumer's pending entries after --claim-idle-ms (XAUTOCLAIM) and applies them once", async () => {
    const observations = observationsOf(1, 20);
    await client.register('orphaned', configs[1]);
    for (const observation of observations) await client.observe('orphaned', observation);
    // A consumer that reads every new entry and dies without acknowledging any.
    await raw.xgroup('CREATE', keys.observations, keys.group, '0', 'MKSTREAM').catch(() => {});
    const taken = (await raw.xreadgroup('GROUP', keys.group, 'ghost', 'COUNT', 1000, 'STREAMS', keys.observations, '>')) as [string, unknown[]][];
    expect(taken[0]?.[1]).toHaveLength(20);
    expect(await client.committed('orphaned')).toBe(-1);

    const started = Date.now();
    const worker = createWorker({ url: server.url, consumer: 'heir', claimIdleMs: 1000 });
    try {
      await until(async () => (await client.committed('orphaned')) === 19, 20_000, 'the heir to apply the orphaned entries');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900); // not before they were idle long enough
      expect(await client.readDecisions('orphaned')).toEqual(replay(configs[1], observations));
      expect(await pendingCount()).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it('survives a Redis restart (AOF) between two observations', async () => {
    const observations = observationsOf(2, 24);
    await client.register('restarted', configs[2]);
    const worker = createWorker({ url: server.url, consumer: 'steady', claimIdleMs: 1000 });
    try {
      for (const observation of observations.slice(0, 12)) await client.observe('restarted', observation);
      await until(async () => (await client.committed('restarted')) === 11, 20_000, 'the first half committed');
      await server.restart();
      for (const observation of observations.slice(12)) await client.observe('restarted', observation);
      await until(async () => (await client.committed('restarted')) === 23, 30_000, 'the second half committed');
      expect(await client.readDecisions('restarted')).toEqual(replay(configs[2], observations));
      expect(await pendingCount()).toBe(0);
    } finally {
      await worker.stop();
    }
  });
});
