import { createRunClient, createWorker, keysFor, observeLua, type RunClient, type Worker } from '@anneal/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configs, replay, until } from './fixtures.js';
import { type RedisServer, startRedis } from './redis-server.js';

let server: RedisServer;
let client: RunClient;
let raw: Redis;
const keys = keysFor();

beforeAll(async () => {
  server = await startRedis();
  client = createRunClient({ url: server.url });
  raw = new Redis(server.url);
});

afterAll(async () => {
  await client?.close();
  raw?.disconnect();
  await server?.stop();
});

/** What a trainer in another language does: the observe script with whatever text it has. */
const publishText = (runId: string, text: string) => raw.eval(observeLua, 2, keys.run(runId), keys.observations, runId, text);

describe('malformed messages', () => {
  it('go to the dead-letter stream with the reason, and the run goes on', async () => {
    const config = configs[0];
    const good = [
      { step: 1, metrics: { val_loss: 1 } },
      { step: 5, metrics: { val_loss: 0.9 } },
      { step: 6, metrics: { val_loss: 0.95 } },
      { step: 7, metrics: { val_loss: 0.97 } },
      { step: 8, metrics: { val_loss: 0.99 } },
    ];
    await client.register('run', config);
    const logged: string[] = [];
    const worker: Worker = createWorker({ url: server.url, consumer: 'dl', claimIdleMs: 1000, log: (line) => logged.push(line) });
    try {
      await client.observe('run', good[0] as never); // seq 0
      await publishText('run', '{"step": 2, "metrics": {"val_loss": 0.5'); // seq 1: bad JSON
      await client.observe('run', { step: 3, metrics: { accuracy: 0.5 } }); // seq 2: the monitored metric is missing
      await client.observe('run', { step: 0, metrics: { val_loss: 0.5 } }); // seq 3: step goes backwards
      await raw.xadd(keys.observations, '*', 'run', 'ghost', 'seq', '0', 'observation', '{"metrics":{"val_loss":1}}'); // unknown run
      await raw.xadd(keys.observations, '*', 'run', 'run', 'observation', '{"metrics":{"val_loss":1}}'); // no seq
      await raw.xadd(keys.observations, '*', 'seq', '0'); // no run
      for (const observation of good.slice(1)) await client.observe('run', observation as never); // seq 4..7

      await until(async () => (await client.committed('run')) === 7, 20_000, 'the run to reach seq 7');
      await until(async () => (await raw.xlen(keys.deadLetters)) === 6, 20_000, 'six dead letters');
      const letters = (await raw.xrange(keys.deadLetters, '-', '+')).map(([, flat]) => {
        const fields: Record<string, string> = {};
        for (let i = 0; i < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
        return fields;
      });
      // A worker applies different runs side by side, so the letters are put in the order of the entries they came from.
      const idOrder = (id: string) => id.split('-').map(Number) as [number, number];
      letters.sort((a, b) => {
        const [am, as] = idOrder(a.entry ?? '');
        const [bm, bs] = idOrder(b.entry ?? '');
        return am - bm || as - bs;
      });
      expect(letters.map((l) => [l.run, l.seq])).toEqual([
        ['run', '1'],
        ['run', '2'],
        ['run', '3'],
        ['ghost', ''],
        ['run', ''],
        ['', ''],
      ]);
      expect(letters[0]?.reason).toMatch(/"observation" is not valid JSON/);
      expect(letters[1]?.reason).toMatch(/metrics\.val_loss: the monitored metric is missing/);
      expect(letters[2]?.reason).toMatch(/step: must not go backwards/);
      expect(letters[3]?.reason).toBe('unknown run "ghost": not registered');
      expect(letters[4]?.reason).toMatch(/field "seq": must be an integer >= 0/);
      expect(letters[5]?.reason).toBe('missing field "run"');
      expect(JSON.parse(letters[0]?.fields ?? '')).toMatchObject({ run: 'run', seq: '1' }); // the entry travels with its reason

      // The run's decisions are those of a local monitor given only the good observations.
      const expected = replay(config, [good[0], {}, {}, {}, ...good.slice(1)] as never, new Set([1, 2, 3]));
      expect(await client.readDecisions('run')).toEqual(expected);
      expect(expected.some((d) => d.seq > 3)).toBe(true);
      // Nothing is left pending, and the worker is still running.
      const [pending] = (await raw.xpending(keys.observations, keys.group)) as [number];
      expect(pending).toBe(0);
      expect(await Promise.race([worker.done.then(() => 'stopped'), new Promise((r) => setTimeout(() => r('running'), 200))])).toBe('running');
      expect(logged.filter((line) => line.startsWith('dead letter'))).toHaveLength(6);
    } finally {
      await worker.stop();
    }
  });
});
