import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import { z } from 'zod';
import { configFingerprint, createDefaultRegistry, createMonitor, defineRule, type Monitor } from '@anneal/monitor';
import { canonicalJson, fnv1a64 } from '../src/fingerprint.js';
import { decodeNumbers, encodeNumbers } from '../src/snapshot.js';
import { testRegistry } from './support/test-rules.js';

const registry = testRegistry();
const config = {
  initialLearningRate: 0.1,
  metric: 'loss',
  rules: [
    { kind: 'patience', patience: 1, factor: 0.5 },
    { kind: 'restartAfter', after: 2 },
  ],
} as const;

const roundTrip = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

function fed(values: number[]): Monitor {
  const monitor = createMonitor(config, { registry });
  for (const loss of values) monitor.observe({ metrics: { loss } });
  return monitor;
}

/** The AnnealError `restore` throws, for inspection. */
function restoreError(snapshot: unknown, withConfig: unknown = config): AnnealError {
  try {
    createMonitor(withConfig as never, { registry, restore: snapshot });
  } catch (error) {
    if (error instanceof AnnealError) return error;
    throw error;
  }
  throw new Error('restore did not throw');
}

describe('fingerprint', () => {
  it('computes 64-bit FNV-1a as the FNV reference test vectors give it', () => {
    // Reference: Landon Curt Noll's FNV test suite (isthe.com/chongo/tech/comp/fnv), FNV-1a 64.
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('writes canonical JSON with keys sorted at every depth and undefined members dropped', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson([Number.NaN, Infinity, null])).toBe('["NaN","Infinity",null]');
  });

  it('gives the same fingerprint to configs that differ only in key order or spelled-out defaults', () => {
    const a = createMonitor(config, { registry }).snapshot().fingerprint;
    const reordered = {
      rules: [
        { factor: 0.5, patience: 1, kind: 'patience' },
        { after: 2, kind: 'restartAfter' },
      ],
      metric: 'loss',
      initialLearningRate: 0.1,
      mode: 'min',
      onMissing: 'error',
    } as const;
    expect(createMonitor(reordered, { registry }).snapshot().fingerprint).toBe(a);
  });

  it('gives a different fingerprint when any option changes', () => {
    const a = createMonitor(config, { registry }).snapshot().fingerprint;
    const changed = { ...config, rules: [{ kind: 'patience', patience: 2, factor: 0.5 }, config.rules[1]] } as const;
    expect(createMonitor(changed, { registry }).snapshot().fingerprint).not.toBe(a);
    expect(configFingerprint({ x: 1 })).not.toBe(configFingerprint({ x: 2 }));
  });
});

describe('snapshot', () => {
  it('is versioned plain JSON: version 1, a 16-hex-digit fingerprint, the state', () => {
    const snapshot = fed([3, 2]).snapshot();
    expect(snapshot).toMatchObject({ version: 1, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(roundTrip(snapshot)).toEqual(snapshot);
  });

  it('carries NaN, ±Infinity and -0 through JSON, tagged explicitly', () => {
    const values = { nan: Number.NaN, inf: Infinity, ninf: -Infinity, nzero: -0, zero: 0, list: [1, Number.NaN] };
    const encoded = encodeNumbers(values);
    expect(encoded).toEqual({
      nan: { $number: 'NaN' },
      inf: { $number: 'Infinity' },
      ninf: { $number: '-Infinity' },
      nzero: { $number: '-0' },
      zero: 0,
      list: [1, { $number: 'NaN' }],
    });
    const back = decodeNumbers(roundTrip(encoded)) as typeof values;
    expect(back).toEqual(values);
    expect(Object.is(back.nzero, -0)).toBe(true);
  });

  it('restores a rule state holding a non-finite metric value', () => {
    const monitor = fed([3, Number.NaN]);
    const restored = createMonitor(config, { registry, restore: roundTrip(monitor.snapshot()) });
    expect((restored.state.rules[0] as { last: number }).last).toBeNaN();
    expect(restored.state).toEqual(monitor.state);
  });

  it('resumes with the same rate, lrAt and next decisions as the original', () => {
    const original = fed([3, 2, 2.5, 2.6]);
    const resumed = createMonitor(config, { registry, restore: roundTrip(original.snapshot()) });
    expect(resumed.lr).toBe(original.lr);
    expect(resumed.lrAt(100)).toBe(original.lrAt(100));
    for (const loss of [2.7, 2.8, 1]) {
      expect(resumed.observe({ metrics: { loss } })).toEqual(original.observe({ metrics: { loss } }));
    }
  });
});

describe('a snapshot of a rule state that is not JSON', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each([
    ['a cycle', cyclic, /must not nest more than 1000 levels deep/],
    ['a bigint', { n: 10n }, /n: must be JSON \(got a bigint\)/],
    ['a function', [() => 1], /\[0\]: must be JSON \(got a function\)/],
    ['undefined in an array', { a: [1, undefined] }, /a\[1\]: must be JSON \(undefined in an array/],
  ])('is refused with INVALID_SNAPSHOT naming the rule, not a RangeError or TypeError: %s', (_what, state, message) => {
    const holds = defineRule({ kind: 'holds', schema: z.strictObject({}), init: () => 0, onObservation: () => ({ state: state as never }) });
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'holds' }] }, { registry: createDefaultRegistry([holds]) });
    monitor.observe({ metrics: { loss: 1 } });
    let thrown: unknown;
    try {
      monitor.snapshot();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AnnealError);
    expect((thrown as AnnealError).code).toBe('INVALID_SNAPSHOT');
    expect((thrown as AnnealError).message).toContain('rule "holds"');
    expect((thrown as AnnealError).message).toMatch(message);
  });

  it('a JSON state with undefined members (dropped, as JSON does) is taken', () => {
    const holds = defineRule({ kind: 'holds', schema: z.strictObject({}), init: () => ({ a: 1, b: undefined }), onObservation: ({ state }) => ({ state }) });
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'holds' }] }, { registry: createDefaultRegistry([holds]) });
    expect((monitor.snapshot().state as { rules: unknown[] }).rules[0]).toEqual({ a: 1 });
  });
});

describe('restore rejects', () => {
  it('a snapshot of another config, saying so', () => {
    const snapshot = roundTrip(fed([3]).snapshot());
    const error = restoreError(snapshot, { ...config, initialLearningRate: 0.2 });
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe('fingerprint');
    expect(error.message).toMatch(
      /^Invalid snapshot: fingerprint: must match this config's fingerprint \S+ \(the snapshot was taken with another monitor config; .*migrate: true\) \(got "\S+"\)$/,
    );
  });

  it('a snapshot of another format version', () => {
    const snapshot = { ...(roundTrip(fed([3]).snapshot()) as object), version: 2 };
    const error = restoreError(snapshot);
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe('version');
    expect(error.message).toMatch(/version: must be 1/);
  });

  it('something that is not a snapshot at all', () => {
    for (const garbage of [null, 'snapshot', 42, [], {}]) expect(restoreError(garbage).code).toBe('INVALID_SNAPSHOT');
  });

  it('a state field of the wrong shape, naming its path', () => {
    const snapshot = roundTrip(fed([3, 2]).snapshot()) as { state: Record<string, unknown> };
    snapshot.state.scale = -1;
    const error = restoreError(snapshot);
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe('state.scale');
    expect(error.message).toMatch(/state\.scale/);
  });

  it('a state whose rule list does not match the config', () => {
    const snapshot = roundTrip(fed([3]).snapshot()) as { state: { rules: unknown[] } };
    snapshot.state.rules.pop();
    const error = restoreError(snapshot);
    expect(error.path).toBe('state.rules');
    expect(error.message).toMatch(/the config has 2, the snapshot 1/);
  });

  it('a rule state its rule’s stateSchema refuses, naming the rule', () => {
    const snapshot = roundTrip(fed([3]).snapshot()) as { state: { rules: Array<Record<string, unknown>> } };
    (snapshot.state.rules[0] as Record<string, unknown>).bad = -3;
    const error = restoreError(snapshot);
    expect(error.code).toBe('INVALID_SNAPSHOT');
    expect(error.path).toBe('state.rules[0].bad');
    expect(error.message).toMatch(/rule "patience"/);
  });

  it('a state whose fields contradict each other (spliced or hand-edited)', () => {
    const snapshot = roundTrip(fed([3]).snapshot()) as { state: Record<string, unknown> };
    snapshot.state.count = 0; // but step is 1
    expect(restoreError(snapshot).path).toBe('state.step');
    const other = roundTrip(fed([3]).snapshot()) as { state: Record<string, unknown> };
    other.state.bestStep = null; // but best is 3
    expect(restoreError(other).path).toBe('state.bestStep');
  });

  it('a snapshot whose fingerprint was tampered with', () => {
    const snapshot = roundTrip(fed([3]).snapshot()) as { fingerprint: string };
    snapshot.fingerprint = snapshot.fingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(restoreError(snapshot).path).toBe('fingerprint');
  });
});

describe('restore with the built-in rules', () => {
  const builtin = {
    initialLearningRate: 0.1,
    metric: 'loss',
    rules: [
      { kind: 'plateau', patience: 1, compat: 'torch' },
      { kind: 'warmRestart', after: { drops: 2 } },
    ],
  } as const;

  it('checks each built-in rule state against its stateSchema, naming the rule and the field', () => {
    const monitor = createMonitor(builtin);
    for (const loss of [1, 2, 2]) monitor.observe({ metrics: { loss } });
    const snapshot = roundTrip(monitor.snapshot()) as { state: { rules: Array<Record<string, unknown>> } };
    (snapshot.state.rules[0] as Record<string, unknown>).bad = 'two';
    try {
      createMonitor(builtin, { restore: snapshot });
      expect.unreachable();
    } catch (error) {
      expect((error as AnnealError).code).toBe('INVALID_SNAPSHOT');
      expect((error as AnnealError).path).toBe('state.rules[0].bad');
      expect((error as AnnealError).message).toMatch(/rule "plateau"/);
    }
  });

  it('resumes a built-in plateau run with the same next drop', () => {
    const original = createMonitor(builtin);
    for (const loss of [1, 2]) original.observe({ metrics: { loss } });
    const resumed = createMonitor(builtin, { restore: roundTrip(original.snapshot()) });
    // torch ReduceLROnPlateau(patience=1): the 2nd bad evaluation in a row reduces 0.1 → 0.1·0.1.
    const next = resumed.observe({ metrics: { loss: 2 } });
    expect(next).toEqual(original.observe({ metrics: { loss: 2 } }));
    expect(next.find((d) => d.type === 'drop')).toMatchObject({ rule: 'plateau', from: 0.1, to: 0.1 * 0.1 });
  });
});
