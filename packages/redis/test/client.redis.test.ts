import { AnnealError } from '@anneal/core';
import { createMonitor } from '@anneal/monitor';
import { createRunClient, createWorker, type DecisionRecord, keysFor, type RunClient, type Worker } from '@anneal/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configs, observationsOf, replay, until } from './fixtures.js';
import { type RedisServer, startRedis } from './redis-server.js';

let server: RedisServer;
let client: RunClient;
let worker: Worker;
let raw: Redis;

beforeAll(async () => {
  server = await startRedis();
  client = createRunClient({ url: server.url });
  worker = createWorker({ url: server.url, consumer: 'in-process', claimIdleMs: 1000 });
  raw = new Redis(server.url);
});

afterAll(async () => {
  await worker?.stop();
  await client?.close();
  raw?.disconnect();
  await server?.stop();
});

describe('createRunClient', () => {
  it('refuses an invalid config, naming the field, and registers nothing', async () => {
    const error = await client.register('bad', { metric: 'val_loss', rules: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnnealError);
    expect((error as AnnealError).code).toBe('INVALID_CONFIG');
    expect((error as AnnealError).message).toMatch(/initialLearningRate/);
    expect(await raw.exists(keysFor().run('bad'))).toBe(0);
  });

  it("keeps a run's config fixed once registered: the same again is fine, another is refused", async () => {
    await client.register('fixed', configs[0]);
    await client.register('fixed', configs[0]);
    const error = await client.register('fixed', configs[1]).catch((e: unknown) => e);
    expect((error as AnnealError).code).toBe('INVALID_CONFIG');
    expect((error as AnnealError).message).toMatch(
      /^Invalid config for run "fixed": config: must be the config registered first \(fingerprint \S+\): a run's config is fixed once registered; .* \(got "\S+"\)$/,
    );
  });

  it('refuses a bad run id, an unknown run and a malformed observation with AnnealError', async () => {
    await expect(client.register('has space', configs[0])).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'runId' });
    await expect(client.register('has space', configs[0])).rejects.toThrow(
      'Invalid run id: runId: must be 1 to 200 characters from A-Z a-z 0-9 . _ : / - (got "has space")',
    );
    await expect(client.observe('never-registered', { metrics: { val_loss: 1 } })).rejects.toMatchObject({ code: 'INVALID_OBSERVATION', path: 'runId' });
    await client.register('strict', configs[0]);
    await expect(client.observe('strict', { step: -1, metrics: { val_loss: 1 } } as never)).rejects.toMatchObject({ code: 'INVALID_OBSERVATION', path: 'step' });
    expect(await client.observe('strict', { step: 1, metrics: { val_loss: 1 } })).toBe(0); // the refused one took no number
  });

  it('numbers observations 0, 1, 2, ... and commits decisions equal to a local replay', async () => {
    const observations = observationsOf(0, 40);
    await client.register('replayed', configs[0]);
    const seqs: number[] = [];
    for (const observation of observations) seqs.push(await client.observe('replayed', observation));
    expect(seqs).toEqual(observations.map((_, i) => i));
    await until(async () => (await client.committed('replayed')) === 39, 20_000, 'the worker to commit all 40');
    const decisions = await client.readDecisions('replayed');
    expect(decisions).toEqual(replay(configs[0], observations));
    expect(decisions.some((d) => d.type === 'drop')).toBe(true);
  });

  it('carries NaN and ±Infinity metrics exactly, tagged as in monitor snapshots', async () => {
    await client.register('nonfinite', configs[0]);
    await client.observe('nonfinite', { step: 1, metrics: { val_loss: Number.NaN, other: -Infinity } });
    await client.observe('nonfinite', { step: 2, metrics: { val_loss: Infinity } });
    const entries = await raw.xrange(keysFor().observations, '-', '+');
    const mine = entries.filter(([, fields]) => fields[1] === 'nonfinite').map(([, fields]) => fields[5]);
    expect(mine).toEqual([
      '{"step":1,"metrics":{"val_loss":{"$number":"NaN"},"other":{"$number":"-Infinity"}}}',
      '{"step":2,"metrics":{"val_loss":{"$number":"Infinity"}}}',
    ]);
    await until(async () => (await client.committed('nonfinite')) === 1, 20_000, 'both observations committed');
    const nan = (await client.readDecisions('nonfinite')).filter((d) => d.type === 'nan');
    expect(nan.map((d) => (d as { value: number }).value)).toEqual([Number.NaN, Infinity]);
  });

  it('answers lr(runId, step) from the committed state, as a local monitor would', async () => {
    const observations = observationsOf(1, 30);
    await client.register('rates', configs[1]);
    expect(await client.lr('rates', 0)).toBe(0.05); // before any observation: the base rate
    for (const observation of observations) await client.observe('rates', observation);
    await until(async () => (await client.committed('rates')) === 29, 20_000, 'the worker to commit all 30');
    const local = createMonitor(configs[1]);
    for (const observation of observations) local.observe(observation);
    for (const step of [0, 1500, 3000, 3100, 10_000]) expect(await client.lr('rates', step)).toBe(local.lrAt(step));
    expect(local.lrAt(3000)).toBeLessThan(0.05); // the run did change the rate
    await expect(client.lr('rates', Number.NaN)).rejects.toMatchObject({ code: 'INVALID_STEPS', path: 'step' });
    await expect(client.lr('nobody', 0)).rejects.toMatchObject({ code: 'INVALID_OBSERVATION', path: 'runId' });
    await expect(client.lr('nobody', 0)).rejects.toThrow('Invalid run: runId: must be registered first (register(runId, config)) (got "nobody")');
    await expect(client.lr('rates', -1)).rejects.toThrow('Invalid step: step: must be a finite number >= 0 (got -1)');
  });

  it('streams decisions with decisions$: the history first, then each new one live', async () => {
    const observations = observationsOf(0, 30);
    await client.register('live', configs[0]);
    for (const observation of observations.slice(0, 15)) await client.observe('live', observation);
    await until(async () => (await client.committed('live')) === 14, 20_000, 'the first half committed');
    const expected = replay(configs[0], observations);
    const seen: DecisionRecord[] = [];
    const subscription = client.decisions$('live').subscribe((d) => seen.push(d));
    try {
      for (const observation of observations.slice(15)) await client.observe('live', observation);
      await until(async () => seen.length === expected.length, 20_000, 'every decision on decisions$');
      expect(seen).toEqual(expected);
    } finally {
      subscription.unsubscribe();
    }
  });
});
