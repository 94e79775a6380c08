import { AnnealError, errorFromZod, parseOrThrow, safeParseEnglish } from '@anneal/core';
import * as z from 'zod/mini';
import type { MonitorProgram } from './config.js';
import { canonicalJson, configFingerprint } from './fingerprint.js';
import type { MigrationReport } from './events.js';
import { checkJsonState } from './json-state.js';
import { initialSmoother } from './smoothing.js';
import { initialState, type MonitorState, monitorStateSchema } from './state.js';

/** The snapshot format this version writes and reads. */
export const snapshotVersion = 1;

/** A JSON value (what `JSON.parse` can return). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A monitor's state as plain JSON: `JSON.stringify` it, store it, and hand it back as
 * `createMonitor(config, { restore })` to continue exactly where the run stopped.
 * `fingerprint` identifies the config it belongs to (see `configFingerprint`).
 */
export interface MonitorSnapshot {
  readonly version: typeof snapshotVersion;
  readonly fingerprint: string;
  /** The state with NaN, ±Infinity and -0 written as `{ "$number": "NaN" }` etc. */
  readonly state: Json;
  /** Each rule's name and kind, in config order (so `migrate` can match rule states). */
  readonly rules?: readonly { readonly name: string; readonly kind: string }[];
  /** The config's `smoothing`, when it has one (so `migrate` knows whether the smoother's memory fits). */
  readonly smoothing?: Json;
}

/** The envelope of a snapshot; the state inside is checked against the config afterwards. */
export const monitorSnapshotSchema = z.object({
  version: z.literal(snapshotVersion, {
    message: `must be ${snapshotVersion} (the snapshot format this version of @anneal/monitor reads)`,
  }),
  fingerprint: z.string().check(z.regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits')),
  state: z.record(z.string(), z.unknown(), { message: 'must be an object' }),
  rules: z.optional(z.array(z.object({ name: z.string(), kind: z.string() }))),
  smoothing: z.optional(z.unknown()),
});

// JSON has no NaN, ±Infinity or -0 (JSON.stringify turns them into null and 0). A rule's
// state or a metric value kept in it may hold them, and an exact resume needs them back,
// so they travel as a tagged object. The tag is an object with the single key `$number`;
// a rule state must not use such an object itself.
const tag = '$number';
const specials: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Copies a value as JSON, with NaN, ±Infinity and -0 tagged. */
export function encodeNumbers(value: unknown): Json {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value;
    return { [tag]: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return value.map(encodeNumbers);
  const out: Record<string, Json> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = encodeNumbers(member);
  return out;
}

/** The inverse of `encodeNumbers`. */
export function decodeNumbers(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeNumbers);
  const keys = Object.keys(value);
  const text = (value as Record<string, unknown>)[tag];
  if (keys.length === 1 && typeof text === 'string' && Object.hasOwn(specials, text)) return specials[text];
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decodeNumbers((value as Record<string, unknown>)[key]);
  return out;
}

// The fingerprint hashes the whole config; compute it once per compiled program.
const fingerprints = new WeakMap<MonitorProgram, string>();

/** The fingerprint of a compiled monitor's config (cached). */
export function programFingerprint(program: MonitorProgram): string {
  let fingerprint = fingerprints.get(program);
  if (fingerprint === undefined) {
    fingerprint = configFingerprint(program.config);
    fingerprints.set(program, fingerprint);
  }
  return fingerprint;
}

/**
 * The versioned JSON form of a monitor's state.
 *
 * @example JSON.stringify(takeSnapshot(program, state)) // '{"version":1,"fingerprint":"…","state":{…}}'
 */
export function takeSnapshot(program: MonitorProgram, state: MonitorState): MonitorSnapshot {
  // A rule's state must be JSON to round-trip; a plugin's is checked nowhere else.
  program.rules.forEach((rule, i) => checkJsonState(state.rules[i], rule.name));
  return {
    version: snapshotVersion,
    fingerprint: programFingerprint(program),
    state: encodeNumbers(state),
    rules: program.rules.map((rule) => ({ name: rule.name, kind: rule.definition.kind })),
    ...(program.config.smoothing === undefined ? {} : { smoothing: program.config.smoothing as Json }),
  };
}

/**
 * Validates a snapshot against a compiled config and returns the state it holds.
 * Rejects, with AnnealError `INVALID_SNAPSHOT` naming the field: another version, a
 * snapshot of another config (fingerprint mismatch), a state of the wrong shape, a rule
 * list of the wrong length, or a rule state its rule's `stateSchema` refuses.
 *
 * @example const state = restoreSnapshot(program, JSON.parse(text));
 */
export function restoreSnapshot(program: MonitorProgram, snapshot: unknown): MonitorState {
  const envelope = parseOrThrow(monitorSnapshotSchema, snapshot, 'snapshot', 'INVALID_SNAPSHOT');
  const expected = programFingerprint(program);
  if (envelope.fingerprint !== expected) {
    const rule =
      `must match this config's fingerprint ${expected} (the snapshot was taken with another monitor config; ` +
      'restore it with the config it was taken with, or pass migrate: true)';
    throw new AnnealError('INVALID_SNAPSHOT', { subject: 'snapshot', issues: [{ path: 'fingerprint', value: envelope.fingerprint, rule }] });
  }
  const state = parseState(envelope.state);
  if (state.rules.length !== program.rules.length) {
    throw corrupted(
      'state.rules',
      state.rules.length,
      `must hold one state per configured rule (the config has ${program.rules.length}, the snapshot ${state.rules.length})`,
    );
  }
  if ((state.smoother === undefined) !== (program.config.smoothing === undefined)) {
    throw corrupted('state.smoother', state.smoother, 'must be present exactly when the config sets smoothing');
  }
  const rules = state.rules.map((ruleState, i) => {
    const schema = program.rules[i]?.definition.stateSchema;
    if (schema === undefined) return ruleState;
    const result = safeParseEnglish(schema, ruleState);
    if (!result.success) {
      throw errorFromZod('INVALID_SNAPSHOT', `snapshot (rule "${program.rules[i]?.name}")`, result.error, ruleState, [
        'state',
        'rules',
        i,
      ]);
    }
    return result.data;
  });
  return { ...state, rules };
}

/**
 * Resumes a snapshot of another config (`migrate: true`): the run's position carries
 * over; a rule's state is kept when the rule at the same position has the same kind and
 * its state schema (if any) accepts the state; the smoother's memory when the smoothing
 * is the same. Everything else starts as in `initialState`. The snapshot itself must
 * still be well formed.
 */
export function migrateSnapshot(program: MonitorProgram, snapshot: unknown): { state: MonitorState; migration: MigrationReport } {
  const envelope = parseOrThrow(monitorSnapshotSchema, snapshot, 'snapshot', 'INVALID_SNAPSHOT');
  const old = parseState(envelope.state);
  const fresh = initialState(program);
  const kept = ['position (step, count, scale, origin, stretch, restarts, best, counters)'];
  const reset: string[] = [];
  const rules = program.rules.map((rule, i) => {
    const label = `rules[${i}] ${rule.name}`;
    const before = envelope.rules?.[i];
    if (before === undefined || i >= old.rules.length) {
      reset.push(`${label}: the snapshot has no rule there`);
      return fresh.rules[i];
    }
    if (before.kind !== rule.definition.kind) {
      reset.push(`${label}: the snapshot had kind "${before.kind}" there`);
      return fresh.rules[i];
    }
    const schema = rule.definition.stateSchema;
    if (schema === undefined) {
      kept.push(label);
      return old.rules[i];
    }
    const parsed = safeParseEnglish(schema, old.rules[i]);
    if (!parsed.success) {
      reset.push(`${label}: its state does not fit the rule (${parsed.error.issues[0]?.message ?? 'refused'})`);
      return fresh.rules[i];
    }
    kept.push(label);
    return parsed.data;
  });
  const smoothing = program.config.smoothing;
  let smoother = fresh.smoother;
  if (smoothing !== undefined) {
    // The same smoothing (compared as canonical JSON) continues; any other starts afresh.
    const same = old.smoother !== undefined && canonicalJson(envelope.smoothing) === canonicalJson(smoothing);
    if (same) {
      smoother = old.smoother;
      kept.push('smoother');
    } else reset.push('smoother: the snapshot smoothed otherwise or not at all');
  } else if (old.smoother !== undefined) reset.push('smoother: the new config does not smooth');
  const state: MonitorState = { ...old, rules, smoother: smoother ?? initialSmoother(smoothing) };
  return { state, migration: { kept, reset } };
}

/** Resolves `restore` into the starting state: as saved, migrated (`migrate`), or initial. */
export function resumeState(
  program: MonitorProgram,
  restore: unknown,
  migrate: boolean,
): { state: MonitorState; migration: MigrationReport | null } {
  if (restore === undefined) return { state: initialState(program), migration: null };
  if (!migrate) return { state: restoreSnapshot(program, restore), migration: null };
  const envelope = parseOrThrow(monitorSnapshotSchema, restore, 'snapshot', 'INVALID_SNAPSHOT');
  if (envelope.fingerprint === programFingerprint(program)) return { state: restoreSnapshot(program, restore), migration: null };
  return migrateSnapshot(program, restore);
}

/** The state inside an envelope, decoded and checked on its own (not against a config). */
function parseState(encoded: unknown): MonitorState {
  const decoded = decodeNumbers(encoded);
  const parsed = safeParseEnglish(monitorStateSchema, decoded);
  if (!parsed.success) throw errorFromZod('INVALID_SNAPSHOT', 'snapshot', parsed.error, decoded, ['state']);
  const state = parsed.data;

  // Cross-field checks: a hand-edited or spliced state can have every field well formed
  // and still describe no run that ever happened.
  if ((state.step === null) !== (state.count === 0)) {
    throw corrupted('state.step', state.step, `must be null exactly when count is 0 (count is ${state.count})`);
  }
  if ((state.best === null) !== (state.bestStep === null)) {
    throw corrupted('state.bestStep', state.bestStep, 'must be null exactly when best is null');
  }
  return state;
}

/** Where a monitor starts: the state of `restore` (validated) when given, else the initial state. */
export function startingState(program: MonitorProgram, restore: unknown): MonitorState {
  return resumeState(program, restore, false).state;
}

function corrupted(path: string, value: unknown, rule: string): AnnealError {
  return new AnnealError('INVALID_SNAPSHOT', { subject: 'snapshot', issues: [{ path, value, rule }] });
}
