// The conformance suite every rule plugin runs (built-in or a user's), in the manner of
// unstorage's test/drivers/utils.ts: one shared set of checks, then each rule's own tests.
// Not a test file itself: a rule's test calls `describeRuleConformance(definition, spec)`.
import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import {
  type AnyRuleDefinition,
  builtinRules,
  compileMonitor,
  createRegistry,
  type Decision,
  initialState,
  lrAt,
  type MonitorConfigInput,
  type MonitorProgram,
  type MonitorState,
  type RuleArgs,
  reduce,
} from '@anneal/monitor';

/** One observation's outcome in a replay: the rate in effect after it, its decisions, the state. */
export interface ReplayRow {
  readonly lr: number;
  readonly decisions: readonly Decision[];
  readonly state: MonitorState;
}

/**
 * Feeds `metrics` (as metric "loss", steps 1, 2, ...) through `reduce` and records, after
 * each observation, the rate in effect at that step, the decisions and the state. The
 * state handed to `reduce` is deep-frozen, so a rule that mutates its input throws.
 */
export function replay(program: MonitorProgram, metrics: readonly number[], start: MonitorState = initialState(program)): ReplayRow[] {
  let state = start;
  return metrics.map((value) => {
    const result = reduce(deepFreeze(state), { metrics: { loss: value } }, program);
    state = result.state;
    return { lr: lrAt(program, state, state.step ?? 0), decisions: result.decisions, state };
  });
}

/** A monitor config with one or more rules over the metric "loss". */
export function monitorConfig(rules: Record<string, unknown>[], extra: Partial<MonitorConfigInput> = {}): MonitorConfigInput {
  return { initialLearningRate: 0.1, metric: 'loss', ...extra, rules } as unknown as MonitorConfigInput;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** True when `value` survives JSON unchanged and holds no NaN, ±Infinity or undefined. */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object') {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(isPlainJson);
  }
  return false;
}

export interface ConformanceSpec {
  /** Option sets (without `kind`) the schema accepts; each is run through every sequence. */
  readonly valid: readonly Record<string, unknown>[];
  /** Option sets the schema must reject, with the field path (inside the rule) the error names. */
  readonly invalid: readonly { readonly options: Record<string, unknown>; readonly path: string }[];
  /** Other rules to run alongside (e.g. a plateau, so warmRestart sees drops). */
  readonly companions?: readonly Record<string, unknown>[];
  /** Monitor config fields for the behavioural runs (e.g. a minLr). */
  readonly monitor?: Partial<MonitorConfigInput>;
}

// Sequences (min mode; negated for max) chosen to reach every branch a rule may have:
// steady progress, plateaus, spikes, non-finite values, negative values, a best of 0.
const sequences: Record<string, number[]> = {
  improving: Array.from({ length: 12 }, (_, i) => 1 / (1 + i)),
  plateau: [1, 0.9, ...Array.from({ length: 28 }, () => 0.9)],
  spikes: [1, 0.8, 0.7, 1.5, 0.7, 0.65, 3, 3, 0.6, 0.6, 0.6, 0.6, 2, 0.6, 0.6, 0.6, 0.6, 0.6],
  nonFinite: [1, Number.NaN, Number.NaN, 0.9, Infinity, -Infinity, Number.NaN, 0.8, Number.NaN, Number.NaN, Number.NaN, 0.85, 0.9],
  allNaN: [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
  negative: [-1, -1.2, -1.1, -1.1, -1.3, -0.5, -1.3, -1.3, -1.3, -1.31, -1.3, -1.3, -1.3],
  zeroBest: [0, 0.1, 0, 0.5, 0.5, 0.5, 0.5, 0.5],
};

type Hook = 'screen' | 'onObservation' | 'onApplied' | 'restartsExhausted';
interface Call {
  readonly hook: Hook;
  readonly args: RuleArgs<Record<string, unknown>, unknown> & { applied?: unknown };
  readonly result: unknown;
}

/** The rule with every hook wrapped to record its arguments and results. */
function recording(definition: AnyRuleDefinition) {
  const calls: Call[] = [];
  const wrap = (hook: Hook) => {
    const fn = definition[hook] as ((args: Call['args']) => unknown) | undefined;
    return fn === undefined
      ? undefined
      : (args: Call['args']) => {
          const result = fn(args);
          calls.push({ hook, args, result });
          return result;
        };
  };
  const wrapped = {
    ...definition,
    screen: wrap('screen'),
    onObservation: wrap('onObservation'),
    onApplied: wrap('onApplied'),
    restartsExhausted: wrap('restartsExhausted'),
  } as AnyRuleDefinition;
  return { wrapped, calls };
}

function expectWellFormed(decision: Decision): void {
  if (decision.type === 'drop' || decision.type === 'restart' || decision.type === 'stop' || decision.type === 'skip') {
    expect(decision.reason.length, `a ${decision.type} decision must say why`).toBeGreaterThan(0);
    expect(decision.reason).not.toMatch(/undefined|\[object/);
  }
  if (decision.type === 'drop') {
    expect(decision.to).toBeLessThan(decision.from);
    expect(decision.to).toBeGreaterThanOrEqual(0);
  }
  if (decision.type === 'restart') expect(Number.isFinite(decision.to)).toBe(true);
}

function compileError(input: unknown, registry: ReturnType<typeof createRegistry>): AnnealError {
  try {
    compileMonitor(input, registry);
  } catch (error) {
    return error as AnnealError;
  }
  throw new Error('expected the config to be rejected');
}

/** Runs the shared checks for one rule plugin. */
export function describeRuleConformance(definition: AnyRuleDefinition, spec: ConformanceSpec): void {
  const others = builtinRules.filter((rule) => rule.kind !== definition.kind);

  describe(`${definition.kind}: rule conformance`, () => {
    it('declares a stateSchema that accepts its init state and rejects garbage', () => {
      expect(definition.stateSchema, 'built-in rules validate their snapshot state').toBeDefined();
      const registry = createRegistry([definition, ...others]);
      for (const options of spec.valid) {
        const program = compileMonitor(monitorConfig([{ kind: definition.kind, ...options }]), registry);
        const state = initialState(program).rules[0];
        expect(definition.stateSchema?.safeParse(state).success).toBe(true);
      }
      expect(definition.stateSchema?.safeParse(null).success).toBe(false);
      expect(definition.stateSchema?.safeParse('garbage').success).toBe(false);
    });

    it('has an init state that is plain JSON and round-trips', () => {
      const registry = createRegistry([definition, ...others]);
      for (const options of spec.valid) {
        const program = compileMonitor(monitorConfig([{ kind: definition.kind, ...options }]), registry);
        const state = initialState(program).rules[0];
        expect(isPlainJson(state), JSON.stringify(state)).toBe(true);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }
    });

    it.each(spec.invalid.map((c) => [c.path, c.options] as const))(
      'rejects bad options with INVALID_CONFIG naming rules[0].%s',
      (path, options) => {
        const error = compileError(monitorConfig([{ kind: definition.kind, ...options }]), createRegistry([definition]));
        expect(error).toBeInstanceOf(AnnealError);
        expect(error.code).toBe('INVALID_CONFIG');
        expect(error.issues.map((issue) => issue.path)).toContain(path === '' ? 'rules[0]' : `rules[0].${path}`);
        expect(error.message).toContain(path === '' ? 'rules[0]' : `rules[0].${path}`);
      },
    );

    for (const mode of ['min', 'max'] as const) {
      for (const [name, values] of Object.entries(sequences)) {
        const metrics = mode === 'min' ? values : values.map((v) => 0 - v); // 0 - v: no -0, which JSON cannot keep
        describe(`${mode} mode, ${name} sequence`, () => {
          const programs = spec.valid.map((options) => {
            const { wrapped, calls } = recording(definition);
            const rules = [{ kind: definition.kind, ...options }, ...(spec.companions ?? [])];
            const registry = createRegistry([wrapped, ...others]);
            return { options, calls, program: compileMonitor(monitorConfig(rules, { mode, ...spec.monitor }), registry) };
          });

          it('keeps its state plain JSON that its stateSchema accepts, never crashing on NaN or ±Infinity', () => {
            for (const { program } of programs) {
              for (const row of replay(program, metrics)) {
                const state = row.state.rules[0];
                expect(isPlainJson(state), JSON.stringify(state)).toBe(true);
                expect(definition.stateSchema?.safeParse(state).success ?? true).toBe(true);
                row.decisions.forEach(expectWellFormed);
              }
            }
          });

          it('is deterministic and never mutates the state or context it is given', () => {
            for (const { program, calls } of programs) {
              calls.length = 0;
              const first = replay(program, metrics);
              const recorded = [...calls];
              expect(replay(program, metrics)).toEqual(first);
              for (const call of recorded) {
                const fn = definition[call.hook] as (args: Call['args']) => unknown;
                const input = structuredClone(call.args.state);
                const args = {
                  ...call.args,
                  state: deepFreeze(structuredClone(call.args.state)),
                  ctx: deepFreeze({ ...call.args.ctx, observation: structuredClone(call.args.ctx.observation) }),
                };
                expect(fn(args)).toEqual(call.result);
                expect(fn(args)).toEqual(call.result);
                expect(args.state).toEqual(input);
              }
            }
          });

          it('resumes from a JSON round-trip of the state at any point with the same trace', () => {
            for (const { program } of programs) {
              const whole = replay(program, metrics);
              for (let k = 1; k < metrics.length; k += 1) {
                const saved = JSON.parse(JSON.stringify(whole[k - 1]?.state)) as MonitorState;
                expect(replay(program, metrics.slice(k), saved)).toEqual(whole.slice(k));
              }
            }
          });
        });
      }
    }
  });
}
