import type { Redis } from 'ioredis';

// The Lua scripts of the protocol. Redis runs a script atomically: no other command
// runs in between, and a worker killed while it waits for the reply leaves all of the
// script's writes or none (the script never fails half way: every check comes first).
// docs/redis.md lists them for trainers written in other languages.

/** KEYS: run hash. ARGV: fingerprint, config JSON. 1 registered, 0 already so, else the other fingerprint. */
export const registerLua = `
local existing = redis.call('HGET', KEYS[1], 'fingerprint')
if existing then
  if existing == ARGV[1] then return 0 end
  return existing
end
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'config', ARGV[2], 'published', 0, 'committed', -1)
return 1`;

/** KEYS: run hash, observations. ARGV: run id, observation JSON. {seq, entry id}, or nil for an unknown run. */
export const observeLua = `
if redis.call('HEXISTS', KEYS[1], 'fingerprint') == 0 then return false end
local seq = redis.call('HINCRBY', KEYS[1], 'published', 1) - 1
local id = redis.call('XADD', KEYS[2], '*', 'run', ARGV[1], 'seq', seq, 'observation', ARGV[2])
return {seq, id}`;

/**
 * KEYS: run hash, decisions, observations, dead letters.
 * ARGV: group, entry id, seq, snapshot ('' keeps it), dead-letter reason ('' none),
 * run id, the entry's fields as JSON, then one decision JSON per decision.
 * The sequence check makes a redelivered observation commit once: a seq at or below
 * `committed` is only acknowledged; one past `committed + 1` is left pending (an
 * earlier observation of the run is still in another worker's hands).
 */
export const commitLua = `
local committed = tonumber(redis.call('HGET', KEYS[1], 'committed') or '-1')
local seq = tonumber(ARGV[3])
if seq <= committed then
  redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
  return {'duplicate', committed}
end
if seq ~= committed + 1 then return {'ahead', committed} end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'snapshot', ARGV[4]) end
redis.call('HSET', KEYS[1], 'committed', seq)
for i = 8, #ARGV do redis.call('XADD', KEYS[2], '*', 'seq', seq, 'decision', ARGV[i]) end
if ARGV[5] ~= '' then
  redis.call('XADD', KEYS[4], '*', 'entry', ARGV[2], 'run', ARGV[6], 'seq', seq, 'reason', ARGV[5], 'fields', ARGV[7])
end
redis.call('XACK', KEYS[3], ARGV[1], ARGV[2])
return {'committed', seq}`;

/**
 * KEYS: observations, dead letters. ARGV: group, entry id, reason, fields JSON, run id.
 * For an entry that belongs to no run position (unknown run, no valid seq). Done once:
 * an entry no longer pending was dealt with by someone else.
 */
export const deadLetterLua = `
if #redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', 'entry', ARGV[2], 'run', ARGV[5], 'seq', '', 'reason', ARGV[3], 'fields', ARGV[4])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
return 1`;

type Arg = string | number;

export interface Scripts {
  register(keys: [string], args: [string, string]): Promise<number | string>;
  observe(keys: [string, string], args: [string, string]): Promise<[number, string] | null>;
  commit(keys: [string, string, string, string], args: Arg[]): Promise<['committed' | 'duplicate' | 'ahead', number]>;
  deadLetter(keys: [string, string], args: [string, string, string, string, string]): Promise<number>;
}

/** The scripts on a connection (EVALSHA, with EVAL when Redis lost its script cache, e.g. after a restart). */
export function scriptsOn(redis: Redis): Scripts {
  const define = (name: string, numberOfKeys: number, lua: string) => {
    redis.defineCommand(name, { numberOfKeys, lua });
    const command = (redis as unknown as Record<string, (...args: Arg[]) => Promise<unknown>>)[name] as (...args: Arg[]) => Promise<unknown>;
    return (keys: readonly string[], args: readonly Arg[]) => command.call(redis, ...keys, ...args);
  };
  const register = define('annealRegister', 1, registerLua);
  const observe = define('annealObserve', 2, observeLua);
  const commit = define('annealCommit', 4, commitLua);
  const deadLetter = define('annealDeadLetter', 2, deadLetterLua);
  return {
    register: (keys, args) => register(keys, args) as Promise<number | string>,
    observe: (keys, args) => observe(keys, args) as Promise<[number, string] | null>,
    commit: (keys, args) => commit(keys, args) as Promise<['committed' | 'duplicate' | 'ahead', number]>,
    deadLetter: (keys, args) => deadLetter(keys, args) as Promise<number>,
  };
}
