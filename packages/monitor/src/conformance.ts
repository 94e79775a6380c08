import { AnnealError, safeParseEnglish } from '@anneal/core';
import { compileMonitor, type MonitorConfigInput, type MonitorProgram } from './config.js';
import type { Decision } from './decision.js';
import type { AnyRuleDefinition } from './define-rule.js';
import { lrAt } from './lr.js';
import { reduce } from './reduce.js';
import { createRegistry } from './registry.js';
import { builtinRules } from './rules/index.js';
import { restoreSnapshot, takeSnapshot } from './snapshot.js';
import { initialState, type MonitorState } from './state.js';

/** What to exercise a rule with. */
export interface ConformanceSpec {
  /** Option sets (without `kind`) the schema accepts; each is run through every sequence. */
  readonly valid: readonly Record<string, unknown>[];
  /** Option sets the schema must reject, with the field path (inside the rule) the error names ('' for the entry). */
  readonly invalid?: readonly { readonly options: Record<string, unknown>; readonly path: string }[];
  /** Other rules to run alongside (e.g. a plateau, so warmRestart sees drops). */
  readonly companions?: readonly Record<string, unknown>[];
  /** Monitor config fields for the behavioural runs (e.g. a minLr). */
  readonly monitor?: Partial<MonitorConfigInput>;
}

/** One named check; `run` throws an Error saying what is wrong. */
export interface ConformanceCheck {
  readonly name: string;
  readonly run: () => void;
}

/** One observation's outcome in a replay: the rate in effect after it, its decisions, the state. */
export interface ReplayRow {
  readonly lr: number;
  readonly decisions: readonly Decision[];
  readonly state: MonitorState;
}

// Sequences (min mode; negated for max) chosen to reach every branch a rule may have:
// steady progress, plateaus, spikes, non-finite values, negative values, a best of 0.
const sequences: Record<string, readonly number[]> = {
  improving: Array.from({ length: 12 }, (_, i) => 1 / (1 + i)),
  plateau: [1, 0.9, ...Array.from({ length: 28 }, () => 0.9)],
  spikes: [1, 0.8, 0.7, 1.5, 0.7, 0.65, 3, 3, 0.6, 0.6, 0.6, 0.6, 2, 0.6, 0.6, 0.6, 0.6, 0.6],
  nonFinite: [1, Number.NaN, Number.NaN, 0.9, Infinity, -Infinity, Number.NaN, 0.8, Number.NaN, Number.NaN, Number.NaN, 0.85, 0.9],
  allNaN: [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN],
  negative: [-1, -1.2, -1.1, -1.1, -1.3, -0.5, -1.3, -1.3, -1.3, -1.31, -1.3, -1.3, -1.3],
  zeroBest: [0, 0.1, 0, 0.5, 0.5, 0.5, 0.5, 0.5],
};

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

/** A monitor config with one or more rules over the metric "loss" (base rate 0.1). */
export function conformanceConfig(rules: Record<string, unknown>[], extra: Partial<MonitorConfigInput> = {}): MonitorConfigInput {
  return { initialLearningRate: 0.1, metric: 'loss', ...extra, rules } as unknown as MonitorConfigInput;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Structural equality for JSON-like values, NaN equal to NaN and -0 distinct from 0 (as snapshots keep them). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const show = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

/** JSON apart from numbers (NaN and ±Infinity travel tagged in snapshots): no functions, class instances, undefined in arrays. */
function isJsonLike(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return true;
  if (Array.isArray(value)) return value.every(isJsonLike);
  if (typeof value === 'object') {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every((v) => v === undefined || isJsonLike(v));
  }
  return false;
}

function checkDecision(decision: Decision): void {
  if (decision.type === 'drop' || decision.type === 'raise' || decision.type === 'restart' || decision.type === 'stop' || decision.type === 'skip') {
    if (typeof decision.reason !== 'string' || decision.reason.length === 0) fail(`a ${decision.type} decision must say why`);
    if (/undefined|\[object/.test(decision.reason)) fail(`the reason "${decision.reason}" shows a missing value`);
  }
  if (decision.type === 'drop' && !(decision.to < decision.from && decision.to >= 0)) fail(`a drop must lower the rate: ${show(decision)}`);
  if (decision.type === 'raise' && !(decision.to > decision.from && Number.isFinite(decision.to))) fail(`a raise must raise the rate: ${show(decision)}`);
  if (decision.type === 'restart' && !Number.isFinite(decision.to)) fail(`a restart must give a finite rate: ${show(decision)}`);
}

type Hook = 'screen' | 'onObservation' | 'onApplied';

/**
 * The shared checks every rule plugin should pass, built-in or yours, as plain named
 * functions that throw (run them with any test framework):
 * - its options: every `valid` set compiles; every `invalid` set is refused with
 *   AnnealError INVALID_CONFIG naming `rules[0].<path>`;
 * - its state: `init` gives JSON that its `stateSchema` (if it declares one: the contract
 *   allows none) accepts, and so does every state it reaches;
 * - over sequences with plateaus, spikes, NaN, ±Infinity, negatives and a best of 0, in
 *   min and max mode: no throw, well-formed decisions (a drop lowers, a raise raises, a
 *   reason names no `undefined`), determinism, no mutation of the state or context it is
 *   given (they are frozen), and an exact resume from a snapshot taken at any point.
 *
 * @example
 * // vitest
 * for (const check of ruleConformance(targetReached, { valid: [{ target: 0.1 }] })) it(check.name, check.run);
 */
export function ruleConformance(definition: AnyRuleDefinition, spec: ConformanceSpec): ConformanceCheck[] {
  const others = builtinRules.filter((rule) => rule.kind !== definition.kind);
  const registryWith = (rule: AnyRuleDefinition) => createRegistry([rule, ...others]);
  const checks: ConformanceCheck[] = [];
  const kind = definition.kind;

  checks.push({
    name: `${kind}: its init state is JSON that its stateSchema (if any) accepts`,
    run: () => {
      for (const options of spec.valid) {
        const program = compileMonitor(conformanceConfig([{ kind, ...options }]), registryWith(definition));
        const state = initialState(program).rules[0];
        if (!isJsonLike(state)) fail(`init(${show(options)}) is not JSON: ${show(state)}`);
        const schema = definition.stateSchema;
        if (schema !== undefined && !safeParseEnglish(schema, state).success) fail(`its stateSchema refuses its own init state ${show(state)}`);
      }
    },
  });

  for (const { options, path } of spec.invalid ?? []) {
    const where = path === '' ? 'rules[0]' : `rules[0].${path}`;
    checks.push({
      name: `${kind}: refuses ${show(options)} with INVALID_CONFIG naming ${where}`,
      run: () => {
        try {
          compileMonitor(conformanceConfig([{ kind, ...options }]), createRegistry([definition]));
        } catch (error) {
          if (!(error instanceof AnnealError) || error.code !== 'INVALID_CONFIG') fail(`expected AnnealError INVALID_CONFIG, got ${String(error)}`);
          if (!error.issues.some((issue) => issue.path === where) || !error.message.includes(where)) {
            fail(`the error does not name ${where}: ${error.message}`);
          }
          return;
        }
        fail(`options ${show(options)} were accepted`);
      },
    });
  }

  for (const mode of ['min', 'max'] as const) {
    for (const [name, values] of Object.entries(sequences)) {
      const metrics = mode === 'min' ? values : values.map((v) => 0 - v); // 0 - v: no -0
      checks.push({
        name: `${kind}: ${mode} mode, ${name} sequence: JSON state, well-formed decisions, deterministic, no mutation, exact resume`,
        run: () => {
          for (const options of spec.valid) {
            const calls: { hook: Hook; args: Record<string, unknown>; result: unknown }[] = [];
            const wrapped = { ...definition } as Record<string, unknown>;
            for (const hook of ['screen', 'onObservation', 'onApplied'] as const) {
              const fn = definition[hook] as unknown as ((args: Record<string, unknown>) => unknown) | undefined;
              if (fn === undefined) continue;
              wrapped[hook] = (args: Record<string, unknown>) => {
                const result = fn(args);
                calls.push({ hook, args, result });
                return result;
              };
            }
            const rules = [{ kind, ...options }, ...(spec.companions ?? [])];
            const config = conformanceConfig(rules, { mode, ...spec.monitor });
            const program = compileMonitor(config, registryWith(wrapped as unknown as AnyRuleDefinition));
            const whole = replay(program, metrics);
            for (const row of whole) {
              const state = row.state.rules[0];
              if (!isJsonLike(state)) fail(`state is not JSON: ${show(state)}`);
              if (definition.stateSchema !== undefined && !safeParseEnglish(definition.stateSchema, state).success) {
                fail(`its stateSchema refuses a state it reached: ${show(state)}`);
              }
              row.decisions.forEach(checkDecision);
            }
            // Deterministic: the same replay again gives the same trace.
            const recorded = calls.splice(0);
            if (!same(replay(program, metrics), whole)) fail('a second replay of the same sequence differs');
            // Pure: each recorded hook call, run again on frozen copies, gives the same result.
            for (const call of recorded) {
              const fn = definition[call.hook] as unknown as (args: Record<string, unknown>) => unknown;
              const before = structuredClone(call.args.state);
              const args = { ...call.args, state: deepFreeze(structuredClone(call.args.state)), ctx: Object.freeze(call.args.ctx) };
              if (!same(fn(args), call.result)) fail(`${call.hook} gave another result for the same arguments`);
              if (!same(args.state, before)) fail(`${call.hook} mutated its state`);
            }
            // Resumable: a snapshot after any observation (through JSON) continues identically.
            for (let k = 1; k < metrics.length; k += 1) {
              const saved = JSON.parse(JSON.stringify(takeSnapshot(program, (whole[k - 1] as ReplayRow).state)));
              const resumed = replay(program, metrics.slice(k), restoreSnapshot(program, saved));
              if (!same(resumed, whole.slice(k))) fail(`resuming after observation ${k} gives another trace`);
            }
          }
        },
      });
    }
  }
  return checks;
}
