import type * as z from 'zod';
import type { Observation } from './observation.js';

/** What a rule sees on each observation. Read-only: rules return new state, never mutate. */
export interface RuleContext {
  /** The normalised observation (step and epoch filled in). */
  readonly observation: Observation;
  readonly step: number;
  /** The monitored metric's value; may be NaN or ±Infinity (see `finite`). */
  readonly value: number;
  readonly finite: boolean;
  readonly mode: 'min' | 'max';
  /** True when `value` is strictly better than every earlier finite value (no threshold). */
  readonly improved: boolean;
  /** Best finite value so far, before this observation (null if none). */
  readonly best: number | null;
  /** The rate in effect at this step before any decision of this observation. */
  readonly lr: number;
  /** The rate this step would have if `scale` became the given value (clamped like every rate). */
  readonly lrWithScale: (scale: number) => number;
  readonly scale: number;
  readonly minLr: number;
  readonly maxLr: number;
  /** True when the rate sits at `minLr` (a further drop cannot lower it). */
  readonly atFloor: boolean;
  /** Warm restarts so far. */
  readonly restarts: number;
  /** Evaluations since the last improvement (0 on the observation that improves). */
  readonly sinceImprovement: number;
  /**
   * True when a rule with the `restartsExhausted` capability (warmRestart) would restart
   * on this observation but its `maxRestarts` budget is spent; earlyStop can stop on it.
   */
  readonly restartsExhausted: boolean;
}

/** A change a rule asks for. The reducer applies at most one per observation. */
export type Proposal =
  | { readonly type: 'drop'; readonly factor: number; readonly reason: string }
  | {
      readonly type: 'restart';
      /** `scale` after the restart (e.g. mMul^k). */
      readonly scale: number;
      /** Time stretch of the base schedule after the restart (e.g. tMul^k); 1 keeps it. */
      readonly stretch: number;
      readonly reason: string;
    }
  | { readonly type: 'stop'; readonly reason: string };

export interface RuleOutcome<State> {
  readonly state: State;
  readonly proposal?: Proposal | undefined;
}

/** What actually happened on an observation, as a rule's `onApplied` hook sees it. */
export interface AppliedChange {
  readonly type: 'drop' | 'restart' | 'stop';
  /** Name of the rule whose proposal won. */
  readonly rule: string;
  readonly from: number;
  readonly to: number;
}

export interface RuleArgs<Options, State> {
  readonly options: Options;
  readonly state: State;
  readonly ctx: RuleContext;
}

/**
 * A rule plugin. Required: `kind`, `schema` (its options, without `kind`), `init`
 * and `onObservation`. Optional capabilities:
 * - `screen` runs before every rule's `onObservation`; returning `skip` withholds the
 *   observation from all rules (nanGuard's "skip" policy).
 * - `onApplied` runs after arbitration with the change that was applied (or null),
 *   so a rule can react to what another rule did (cooldowns, counters).
 * - `restartsExhausted` tells other rules (through `ctx.restartsExhausted`) that this
 *   rule wants a restart it may no longer make.
 * State must be plain JSON (numbers finite, `null` for "none") so snapshots round-trip.
 */
export interface RuleDefinition<K extends string = string, S extends z.ZodObject = z.ZodObject, State = unknown> {
  readonly kind: K;
  readonly schema: S;
  readonly init: (options: z.output<S>) => State;
  readonly onObservation: (args: RuleArgs<z.output<S>, State>) => RuleOutcome<State>;
  readonly screen?: (args: RuleArgs<z.output<S>, State>) => { state: State; skip?: string | undefined };
  readonly onApplied?: (args: RuleArgs<z.output<S>, State> & { applied: AppliedChange | null }) => State;
  /**
   * True when this rule would restart now but may not (its restart budget is spent).
   * Evaluated on the state before the observation; feeds `ctx.restartsExhausted`.
   */
  readonly restartsExhausted?: (args: RuleArgs<z.output<S>, State>) => boolean;
  /** Validates this rule's state inside a snapshot; without it any JSON is accepted. */
  readonly stateSchema?: z.ZodType<State>;
}

/**
 * Declares a rule plugin; option types are inferred from its zod schema (defaults
 * applied), so `options` in `init` and `onObservation` need no annotation.
 *
 * @example
 * const above = defineRule({
 *   kind: 'above',
 *   schema: z.strictObject({ limit: z.number(), factor: z.number().gt(0).lt(1).default(0.5) }),
 *   init: () => null,
 *   onObservation: ({ options, state, ctx }) =>
 *     ctx.value > options.limit
 *       ? { state, proposal: { type: 'drop', factor: options.factor, reason: `${ctx.value} > ${options.limit}` } }
 *       : { state },
 * });
 */
export function defineRule<K extends string, S extends z.ZodObject, State>(
  definition: RuleDefinition<K, S, State>,
): RuleDefinition<K, S, State> {
  return definition;
}

/** Any rule, with its types erased (what registries and the reducer hold). */
// biome-ignore lint: the erased form needs `any` to accept every concrete rule.
export type AnyRuleDefinition = RuleDefinition<string, z.ZodObject, any>;
