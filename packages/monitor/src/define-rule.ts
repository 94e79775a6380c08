import type * as z from 'zod/mini';
import type { Observation } from './observation.js';

/** What a rule sees on each observation. Read-only: rules return new state, never mutate. */
export interface RuleContext {
  /** The normalised observation (step and epoch filled in). */
  readonly observation: Observation;
  readonly step: number;
  /** The monitored metric's value (smoothed when the config sets `smoothing`); may be NaN or ±Infinity (see `finite`). */
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
  /** The metric's value as observed, before the monitor's `smoothing` (equal to `value` without it). */
  readonly raw: number;
}

/**
 * A change a rule asks for. The reducer applies at most one per observation, by
 * precedence stop > restart > drop > raise.
 */
export type Proposal =
  | { readonly type: 'drop'; readonly factor: number; readonly reason: string }
  | {
      /** rate ← min(rate · factor, maxLr), factor > 1: the scale becomes the one giving that rate at this step. */
      readonly type: 'raise';
      readonly factor: number;
      readonly reason: string;
    }
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
  /**
   * A change the rule wants but declines to make itself (warmRestart past `maxRestarts`).
   * Never applied; every rule sees it in `onApplied` among the refused proposals.
   */
  readonly declined?: Proposal | undefined;
}

/** What actually happened on an observation, as a rule's `onApplied` hook sees it. */
export interface AppliedChange {
  readonly type: 'drop' | 'raise' | 'restart' | 'stop';
  /** Name of the rule whose proposal won. */
  readonly rule: string;
  readonly from: number;
  readonly to: number;
}

/**
 * A proposal that was not applied: `outranked` (another rule's change won), `noChange`
 * (a drop or raise that would not move the rate) or `declined` (its rule declined it).
 */
export interface RefusedProposal {
  readonly rule: string;
  readonly proposal: Proposal;
  readonly why: 'outranked' | 'noChange' | 'declined';
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
 * - `onApplied` runs after arbitration when a change was applied or a proposal refused,
 *   with that change (or null) and the refused proposals, so a rule can react to what another rule did or
 *   wanted (cooldowns, counters, earlyStop after warmRestart declined a restart).
 * State must be JSON (`null` for "none"; NaN and ±Infinity travel tagged in snapshots)
 * so snapshots round-trip.
 */
export interface RuleDefinition<K extends string = string, S extends z.core.$ZodObject = z.core.$ZodObject, State = unknown> {
  readonly kind: K;
  readonly schema: S;
  readonly init: (options: z.output<S>) => State;
  readonly onObservation: (args: RuleArgs<z.output<S>, State>) => RuleOutcome<State>;
  readonly screen?: (args: RuleArgs<z.output<S>, State>) => { state: State; skip?: string | undefined };
  readonly onApplied?: (
    args: RuleArgs<z.output<S>, State> & { applied: AppliedChange | null; refused: readonly RefusedProposal[] },
  ) => State;
  /** Validates this rule's state inside a snapshot (and on migration); without it any JSON is accepted. */
  readonly stateSchema?: z.core.$ZodType<State>;
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
export function defineRule<K extends string, S extends z.core.$ZodObject, State>(
  definition: RuleDefinition<K, S, State>,
): RuleDefinition<K, S, State> {
  return definition;
}

/** Any rule, with its types erased (what registries and the reducer hold). */
// biome-ignore lint: the erased form needs `any` to accept every concrete rule.
export type AnyRuleDefinition = RuleDefinition<string, z.core.$ZodObject, any>;
