import { AnnealError, parseOrThrow } from '@anneal/core';
import {
  type AnyRuleDefinition,
  configFingerprint,
  createMonitor,
  type MonitorConfigInput,
  type ObservationInput,
  observationSchema,
  type RuleRegistry,
} from '@anneal/monitor';
import { Observable } from 'rxjs';
import { connect } from './connect.js';
import { type DecisionRecord, decisionOf } from './decision-record.js';
import { defaultPrefix, keysFor } from './keys.js';
import { checkRunId } from './run-id.js';
import { scriptsOn } from './scripts.js';
import { fromWireJson, toWireJson } from './wire-json.js';

export interface RunClientOptions {
  /** redis:// or rediss:// URL of the server the workers use. */
  readonly url: string;
  /** Key prefix (one shard); `{anneal}:` by default. */
  readonly prefix?: string;
  /** The rule kinds configs may name; defaults to the built-in rules. */
  readonly registry?: RuleRegistry;
}

/** A trainer's (or a dashboard's) side of the Redis protocol. */
export interface RunClient {
  /**
   * Registers a run with its monitor config (validated: AnnealError INVALID_CONFIG naming
   * the field). Registering again with the same config is a no-op; with another config
   * it is refused: a run's config is fixed once registered.
   */
  register(runId: string, config: MonitorConfigInput<AnyRuleDefinition>): Promise<void>;
  /**
   * Appends an observation with the run's next sequence number (0, 1, ...) and resolves
   * with it once Redis has the entry. NaN and ±Infinity metrics travel exactly.
   */
  observe(runId: string, observation: ObservationInput): Promise<number>;
  /** Every committed decision so far, in order. */
  readDecisions(runId: string): Promise<DecisionRecord[]>;
  /** The same decisions from the start, then each new one as a worker commits it (live, never completes). */
  decisions$(runId: string): Observable<DecisionRecord>;
  /** The rate at `step` under the run's committed state. */
  lr(runId: string, step: number): Promise<number>;
  /** The sequence number of the last committed observation (-1 before any). */
  committed(runId: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Connects to the Redis of `anneal serve` workers.
 *
 * @example
 * const client = createRunClient({ url: 'redis://localhost:6379' });
 * await client.register('sweep-7', { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau' }] });
 * await client.observe('sweep-7', { step: 100, metrics: { val_loss: 0.42 } });
 * client.decisions$('sweep-7').subscribe((d) => console.log(d.seq, d.type));
 */
export function createRunClient(options: RunClientOptions): RunClient {
  const redis = connect(options.url, 'run client');
  const keys = keysFor(options.prefix ?? defaultPrefix);
  const scripts = scriptsOn(redis);
  const open = new Set<{ disconnect(): void }>();

  const runConfig = async (runId: string) => {
    const [config = null, snapshot = null, committed = null] = await redis.hmget(keys.run(checkRunId(runId)), 'config', 'snapshot', 'committed');
    if (config === null) throw unknownRun(runId);
    // Validated when it was registered; createMonitor checks it again.
    return { config: JSON.parse(config) as MonitorConfigInput<AnyRuleDefinition>, snapshot, committed: Number(committed) };
  };

  return {
    async register(runId, config) {
      checkRunId(runId);
      const monitor = createMonitor(config, { registry: options.registry });
      const fingerprint = configFingerprint(monitor.config);
      const result = await scripts.register([keys.run(runId)], [fingerprint, toWireJson(config)]);
      if (typeof result === 'string') {
        const rule = `must be the config registered first (fingerprint ${result}): a run's config is fixed once registered; register a new run id instead`;
        throw new AnnealError('INVALID_CONFIG', { subject: `config for run "${runId}"`, issues: [{ path: 'config', value: fingerprint, rule }] });
      }
    },

    async observe(runId, observation) {
      checkRunId(runId);
      const parsed = parseOrThrow(observationSchema, observation, 'observation', 'INVALID_OBSERVATION');
      const reply = await scripts.observe([keys.run(runId), keys.observations], [runId, toWireJson(parsed)]);
      if (reply === null) throw unknownRun(runId);
      return Number(reply[0]);
    },

    async readDecisions(runId) {
      const key = keys.decisions(checkRunId(runId));
      const out: DecisionRecord[] = [];
      let start = '-';
      for (;;) {
        const page = await redis.xrange(key, start, '+', 'COUNT', 1000);
        for (const [, fields] of page) out.push(decisionOf(fields));
        if (page.length < 1000) return out;
        start = `(${page.at(-1)?.[0]}`;
      }
    },

    decisions$(runId) {
      const key = keys.decisions(checkRunId(runId));
      return new Observable<DecisionRecord>((subscriber) => {
        // A connection of its own: XREAD BLOCK holds it until the next decision.
        const reader = redis.duplicate();
        reader.on('error', () => {}); // ioredis reconnects and resends the XREAD
        open.add(reader);
        let closed = false;
        (async () => {
          let last = '0-0';
          while (!closed) {
            const reply = (await reader.xread('COUNT', 1000, 'BLOCK', 0, 'STREAMS', key, last)) as
              | [string, [string, string[]][]][]
              | null;
            for (const [id, fields] of reply?.[0]?.[1] ?? []) {
              last = id;
              subscriber.next(decisionOf(fields));
            }
          }
        })().catch((error: unknown) => {
          if (!closed) subscriber.error(error);
        });
        return () => {
          closed = true;
          open.delete(reader);
          reader.disconnect();
        };
      });
    },

    async lr(runId, step) {
      if (typeof step !== 'number' || !(step >= 0 && step <= Number.MAX_VALUE)) {
        const rule = 'must be a finite number >= 0';
        throw new AnnealError('INVALID_STEPS', { subject: 'step', issues: [{ path: 'step', value: step, rule }] });
      }
      const run = await runConfig(runId);
      const restore = run.snapshot === null ? undefined : fromWireJson(run.snapshot);
      return createMonitor(run.config, { registry: options.registry, restore }).lrAt(step);
    },

    async committed(runId) {
      return (await runConfig(runId)).committed;
    },

    async close() {
      for (const reader of open) reader.disconnect();
      open.clear();
      await redis.quit();
    },
  };
}

function unknownRun(runId: string): AnnealError {
  const rule = 'must be registered first (register(runId, config))';
  return new AnnealError('INVALID_OBSERVATION', { subject: 'run', issues: [{ path: 'runId', value: runId, rule }] });
}
