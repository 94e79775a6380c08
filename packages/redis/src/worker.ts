import { hostname } from 'node:os';
import { AnnealError } from '@anneal/core';
import {
  compileMonitor,
  initialState,
  type MonitorProgram,
  type MonitorState,
  type RuleRegistry,
  reduce,
  restoreSnapshot,
  takeSnapshot,
} from '@anneal/monitor';
import type { Redis } from 'ioredis';
import { connect, fieldsOf } from './connect.js';
import { defaultPrefix, type Keys, keysFor } from './keys.js';
import { scriptsOn, type Scripts } from './scripts.js';
import { fromWireJson, toWireJson } from './wire-json.js';

export interface WorkerOptions {
  /** redis:// or rediss:// URL. */
  readonly url: string;
  /** This worker's name in the consumer group; `<host>-<pid>` by default. Reuse a name to take over its pending entries. */
  readonly consumer?: string;
  /** Entries pending this long with another consumer (a dead worker) are claimed (XAUTOCLAIM). Default 30 000. */
  readonly claimIdleMs?: number;
  /** Key prefix (one shard); `{anneal}:` by default. */
  readonly prefix?: string;
  /** The rule kinds configs may name; defaults to the built-in rules. */
  readonly registry?: RuleRegistry;
  /** Entries read per XREADGROUP. Default 16. */
  readonly batch?: number;
  /** Where the worker reports dead letters and connection trouble; silent by default. */
  readonly log?: (line: string) => void;
}

export interface Worker {
  readonly consumer: string;
  /** Finishes the observation in hand, then stops; resolves when the worker is closed. */
  stop(): Promise<void>;
  /** Resolves when the worker has stopped (after `stop()`). */
  readonly done: Promise<void>;
}

interface Entry {
  readonly id: string;
  readonly fields: Record<string, string>;
}

interface RunState {
  readonly program: MonitorProgram;
  readonly state: MonitorState;
  readonly committed: number;
}

/** How many runs' states (and compiled configs) a worker keeps in memory; the rest are reloaded from Redis. */
const cachedRuns = 10_000;

/**
 * Starts a worker of the consumer group: it applies every registered run's monitor to
 * the run's observations, in order, and commits each result atomically (snapshot,
 * decisions, acknowledgement in one script). See docs/redis.md for the protocol.
 *
 * @example
 * const worker = createWorker({ url: 'redis://localhost:6379' });
 * process.once('SIGTERM', () => void worker.stop());
 * await worker.done;
 */
export function createWorker(options: WorkerOptions): Worker {
  const keys = keysFor(options.prefix ?? defaultPrefix);
  const consumer = options.consumer ?? `${hostname()}-${process.pid}`;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const batch = options.batch ?? 16;
  const log = options.log ?? (() => {});
  const redis = connect(options.url, 'worker', log);
  const reader = redis.duplicate(); // XREADGROUP BLOCK holds its connection
  reader.on('error', () => {}); // reported once, by `redis`
  const loop = new WorkerLoop({ redis, reader, scripts: scriptsOn(redis), keys, consumer, claimIdleMs, batch, log, registry: options.registry });
  const done = loop.run().finally(async () => {
    reader.disconnect();
    await redis.quit().catch(() => redis.disconnect());
  });
  return {
    consumer,
    done,
    stop() {
      loop.stopping = true;
      reader.disconnect(); // wakes a blocked XREADGROUP; the entry in hand finishes on `redis`
      return done;
    },
  };
}

interface LoopParts {
  readonly redis: Redis;
  readonly reader: Redis;
  readonly scripts: Scripts;
  readonly keys: Keys;
  readonly consumer: string;
  readonly claimIdleMs: number;
  readonly batch: number;
  readonly log: (line: string) => void;
  readonly registry: RuleRegistry | undefined;
}

class WorkerLoop {
  stopping = false;
  readonly #p: LoopParts;
  readonly #runs = new Map<string, RunState>();
  /** Compiled configs by their JSON text: many runs of a sweep share one, and compiling is the costly part of a reload. */
  readonly #programs = new Map<string, MonitorProgram>();
  /** Entries whose run has an earlier observation not committed yet, by entry id. */
  readonly #waiting = new Map<string, Entry>();
  #claimCursor = '0-0';
  /** Where the read of this consumer's own pending entries goes on; null once they are all read. */
  #pendingFrom: string | null = '0';
  #lastClaim = 0;

  constructor(parts: LoopParts) {
    this.#p = parts;
  }

  async run(): Promise<void> {
    let grouped = false;
    while (!this.stopping) {
      try {
        if (!grouped) grouped = await this.#createGroup();
        await this.#retryWaiting();
        if (Date.now() - this.#lastClaim >= Math.min(this.#p.claimIdleMs / 2, 1000)) await this.#claim();
        // First whatever this consumer name left pending in an earlier life, then new entries.
        const entries = await this.#read(this.#pendingFrom ?? '>');
        if (this.#pendingFrom !== null) this.#pendingFrom = entries.length < this.#p.batch ? null : (entries.at(-1)?.id ?? null);
        await this.#handleAll(entries);
      } catch (error) {
        if (this.stopping) break;
        this.#p.log(`redis: ${(error as Error).message}; retrying`);
        this.#runs.clear(); // nothing cached survives a failed round trip
        if ((error as Error).message.includes('NOGROUP')) grouped = false;
        await sleep(200);
      }
    }
  }

  /** The consumer group, from the stream's first entry (entries added before any worker started count too). */
  async #createGroup(): Promise<true> {
    const { redis, keys } = this.#p;
    await redis.xgroup('CREATE', keys.observations, keys.group, '0', 'MKSTREAM').catch((error: Error) => {
      if (!error.message.includes('BUSYGROUP')) throw error;
    });
    return true;
  }

  async #read(from: string): Promise<Entry[]> {
    const { reader, keys, consumer, batch } = this.#p;
    const block = this.#waiting.size > 0 ? 20 : 1000;
    const reply = (await reader.xreadgroup('GROUP', keys.group, consumer, 'COUNT', batch, 'BLOCK', block, 'STREAMS', keys.observations, from)) as
      | [string, [string, string[] | null][]][]
      | null;
    return (reply?.[0]?.[1] ?? []).map(([id, flat]) => ({ id, fields: fieldsOf(flat) }));
  }

  /** XAUTOCLAIM: entries idle past claimIdleMs (their worker died) become this worker's. */
  async #claim(): Promise<void> {
    const { redis, keys, consumer, claimIdleMs, batch } = this.#p;
    this.#lastClaim = Date.now();
    const [cursor, claimed] = (await redis.xautoclaim(keys.observations, keys.group, consumer, claimIdleMs, this.#claimCursor, 'COUNT', batch)) as [
      string,
      [string, string[] | null][],
    ];
    this.#claimCursor = cursor;
    // Skipped: entries deleted from the stream, and those already waiting here.
    const entries = claimed.filter(([id, flat]) => flat !== null && !this.#waiting.has(id)).map(([id, flat]) => ({ id, fields: fieldsOf(flat) }));
    await this.#handleAll(entries);
  }

  async #retryWaiting(): Promise<void> {
    if (this.#waiting.size === 0) return;
    const entries = [...this.#waiting.values()].sort((a, b) => Number(a.fields.seq) - Number(b.fields.seq));
    this.#waiting.clear();
    // A run whose committed position moved on (another worker committed) is reloaded.
    const runIds = [...new Set(entries.map((entry) => entry.fields.run as string))];
    const positions = await Promise.all(runIds.map((runId) => this.#p.redis.hget(this.#p.keys.run(runId), 'committed')));
    runIds.forEach((runId, i) => {
      if (Number(positions[i] ?? -1) !== this.#runs.get(runId)?.committed) this.#runs.delete(runId);
    });
    if (this.stopping) for (const entry of entries) this.#waiting.set(entry.id, entry);
    else await this.#handleAll(entries);
  }

  /**
   * Handles a batch: the runs side by side (their round trips share the connection's
   * pipeline), each run's entries one after another, in order. Stopping lets each run
   * finish the observation in hand.
   */
  async #handleAll(entries: readonly Entry[]): Promise<void> {
    const byRun = new Map<string, Entry[]>();
    for (const entry of entries) {
      const runId = entry.fields.run ?? '';
      const list = byRun.get(runId);
      if (list === undefined) byRun.set(runId, [entry]);
      else list.push(entry);
    }
    const results = await Promise.allSettled(
      [...byRun.values()].map(async (list) => {
        for (const entry of list) {
          if (this.stopping) return;
          await this.#handleOrKeep(entry);
        }
      }),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
  }

  /** Handles an entry; if Redis fails meanwhile, keeps it for the next round (it stays pending here). */
  async #handleOrKeep(entry: Entry): Promise<void> {
    try {
      await this.#handle(entry);
    } catch (error) {
      this.#waiting.set(entry.id, entry);
      throw error;
    }
  }

  async #handle(entry: Entry): Promise<void> {
    const { redis, scripts, keys } = this.#p;
    const runId = entry.fields.run;
    if (runId === undefined || runId === '') return this.#deadLetter(entry, 'missing field "run"');
    const seq = Number(entry.fields.seq);
    if (!(Number.isSafeInteger(seq) && seq >= 0) || !/^\d+$/.test(entry.fields.seq ?? '')) {
      return this.#deadLetter(entry, `field "seq": must be an integer >= 0 (got ${JSON.stringify(entry.fields.seq ?? null)})`);
    }
    let run = this.#runs.get(runId);
    if (run === undefined) {
      const loaded = await this.#load(runId);
      if (typeof loaded === 'string') return this.#deadLetter(entry, loaded);
      run = loaded;
    }
    if (seq <= run.committed) {
      await redis.xack(keys.observations, keys.group, entry.id); // a redelivery of a committed observation
      return;
    }
    if (seq > run.committed + 1) {
      this.#waiting.set(entry.id, entry); // an earlier observation of this run is still in someone's hands
      return;
    }

    let reason = '';
    let snapshot = '';
    let decisions: string[] = [];
    let next = run.state;
    try {
      const result = reduce(run.state, parseObservation(entry.fields.observation) as never, run.program);
      next = result.state;
      decisions = result.decisions.map((d) => toWireJson(d));
      snapshot = toWireJson(takeSnapshot(run.program, next));
    } catch (error) {
      reason = error instanceof AnnealError || error instanceof SyntaxError ? error.message : `the monitor failed: ${String(error)}`;
    }
    this.#runs.delete(runId); // until the commit says otherwise, Redis may hold another state
    const [outcome, committed] = await scripts.commit(
      [keys.run(runId), keys.decisions(runId), keys.observations, keys.deadLetters],
      [keys.group, entry.id, seq, snapshot, reason, runId, JSON.stringify(entry.fields), ...decisions],
    );
    if (outcome === 'committed') {
      // A refused observation leaves the state as it was (reduce threw before making one).
      this.#remember(runId, { program: run.program, state: next, committed: seq });
      if (reason !== '') this.#p.log(`dead letter ${entry.id} (run ${runId}, seq ${seq}): ${reason}`);
    } else if (outcome === 'ahead' && Number(committed) < seq) {
      this.#waiting.set(entry.id, entry);
    }
  }

  async #load(runId: string): Promise<RunState | string> {
    const [config = null, snapshot = null, committed = null] = await this.#p.redis.hmget(this.#p.keys.run(runId), 'config', 'snapshot', 'committed');
    if (config === null) return `unknown run "${runId}": not registered`;
    try {
      const program = this.#programFor(config);
      const state = snapshot === null ? initialState(program) : restoreSnapshot(program, fromWireJson(snapshot));
      const run = { program, state, committed: Number(committed ?? -1) };
      this.#remember(runId, run);
      return run;
    } catch (error) {
      return `run "${runId}" cannot be loaded: ${(error as Error).message}`;
    }
  }

  #programFor(config: string): MonitorProgram {
    let program = this.#programs.get(config);
    if (program === undefined) {
      program = compileMonitor(JSON.parse(config), this.#p.registry);
      this.#programs.set(config, program);
      if (this.#programs.size > cachedRuns) this.#programs.delete(this.#programs.keys().next().value as string);
    }
    return program;
  }

  /** Least recently used runs leave the cache first. */
  #remember(runId: string, run: RunState): void {
    this.#runs.delete(runId);
    this.#runs.set(runId, run);
    if (this.#runs.size > cachedRuns) this.#runs.delete(this.#runs.keys().next().value as string);
  }

  async #deadLetter(entry: Entry, reason: string): Promise<void> {
    const { scripts, keys } = this.#p;
    const moved = await scripts.deadLetter(
      [keys.observations, keys.deadLetters],
      [keys.group, entry.id, reason, JSON.stringify(entry.fields), entry.fields.run ?? ''],
    );
    if (moved === 1) this.#p.log(`dead letter ${entry.id}: ${reason}`);
  }
}

/** The `observation` field: wire JSON of `{ step?, epoch?, metrics }` (checked by the monitor). */
function parseObservation(text: string | undefined): unknown {
  if (text === undefined) throw new SyntaxError('missing field "observation"');
  try {
    return fromWireJson(text);
  } catch (error) {
    throw new SyntaxError(`field "observation" is not valid JSON: ${(error as Error).message}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
