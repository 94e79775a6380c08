import { AnnealError, describeValue, errorFromZod, parseOrThrow } from '@anneal/core';
import * as z from 'zod';
import type { MonitorProgram } from './config.js';
import { configFingerprint } from './fingerprint.js';
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
}

/** The envelope of a snapshot; the state inside is checked against the config afterwards. */
export const monitorSnapshotSchema = z.object({
  version: z.literal(snapshotVersion, {
    message: `must be ${snapshotVersion} (the snapshot format this version of @anneal/monitor reads)`,
  }),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits'),
  state: z.record(z.string(), z.unknown(), { message: 'must be an object' }),
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
  return { version: snapshotVersion, fingerprint: programFingerprint(program), state: encodeNumbers(state) };
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
    throw new AnnealError(
      'INVALID_SNAPSHOT',
      `Invalid snapshot: fingerprint: the snapshot was taken with another monitor config (snapshot ${envelope.fingerprint}, this config ${expected}); restore it with the config it was taken with`,
      [{ path: 'fingerprint', value: envelope.fingerprint, rule: `must match the config's fingerprint ${expected}` }],
    );
  }

  const decoded = decodeNumbers(envelope.state);
  const parsed = monitorStateSchema.safeParse(decoded);
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
  if (state.rules.length !== program.rules.length) {
    throw corrupted(
      'state.rules',
      state.rules.length,
      `must hold one state per configured rule (the config has ${program.rules.length}, the snapshot ${state.rules.length})`,
    );
  }
  const rules = state.rules.map((ruleState, i) => {
    const schema = program.rules[i]?.definition.stateSchema;
    if (schema === undefined) return ruleState;
    const result = schema.safeParse(ruleState);
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

/** Where a monitor starts: the state of `restore` (validated) when given, else the initial state. */
export function startingState(program: MonitorProgram, restore: unknown): MonitorState {
  return restore === undefined ? initialState(program) : restoreSnapshot(program, restore);
}

function corrupted(path: string, value: unknown, rule: string): AnnealError {
  return new AnnealError('INVALID_SNAPSHOT', `Invalid snapshot: ${path}: ${rule} (got ${describeValue(value)})`, [
    { path, value, rule },
  ]);
}
