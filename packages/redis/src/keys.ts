/**
 * Where everything lives in Redis. Every key starts with the prefix, `{anneal}:` by
 * default: the braces are a Redis Cluster hash tag, so all keys of one prefix hash to
 * one slot and the commit script may touch them together. One prefix is one shard; a
 * Cluster spreads runs over shards by giving each shard its own prefix (docs/redis.md).
 */
export interface Keys {
  readonly prefix: string;
  /** Stream: every observation of every run (fields `run`, `seq`, `observation`). */
  readonly observations: string;
  /** Stream: entries a worker could not apply, with the reason. */
  readonly deadLetters: string;
  /** The consumer group of the workers on `observations`. */
  readonly group: string;
  /** Hash: a run's `fingerprint`, `config`, `published`, `committed`, `snapshot`. */
  run(runId: string): string;
  /** Stream: a run's decisions in order (fields `seq`, `decision`). */
  decisions(runId: string): string;
}

export const defaultPrefix = '{anneal}:';

/** The key layout for a prefix. */
export function keysFor(prefix: string = defaultPrefix): Keys {
  return {
    prefix,
    observations: `${prefix}observations`,
    deadLetters: `${prefix}dead-letters`,
    group: 'anneal-workers',
    run: (runId) => `${prefix}run:${runId}`,
    decisions: (runId) => `${prefix}decisions:${runId}`,
  };
}
