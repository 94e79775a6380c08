import type * as z from 'zod/mini';
import type { monitorConfigSchema } from './config.js';
import type { AnyRuleDefinition, RuleDefinition } from './define-rule.js';
import type { ScheduleFunction } from './schedule-function.js';
import type { earlyStop, greedy, nanGuard, plateau, severityDrop, warmRestart } from './rules/index.js';

// The config types come from the schemas' own types (zod's input and output types), with
// the rule entries spelled per registry: a registry typed with a user's rules makes
// configs naming those rules type-check, and a misspelt kind or option a compile error.

/** The rules of `createDefaultRegistry()`, by their exact types. */
export type BuiltinRule = typeof plateau | typeof severityDrop | typeof warmRestart | typeof nanGuard | typeof earlyStop | typeof greedy;

/**
 * A rule's options without `kind` and `name`. zod types a schema with no options
 * (`z.strictObject({})`) as `Record<string, never>`, whose index signature would refuse
 * `kind` itself: an index signature of `never` is dropped (a loose schema's is kept).
 */
type OptionsOf<T> = Omit<{ [K in keyof T as string extends K ? ([T[K]] extends [never] ? never : K) : K]: T[K] }, 'kind' | 'name'>;

/** One entry of `rules` as written: a rule's options (defaults optional) plus its `kind` and an optional `name`. */
export type RuleEntryInput<R extends AnyRuleDefinition = BuiltinRule> = R extends RuleDefinition<infer K, infer S, infer _State>
  ? { kind: K; name?: string } & OptionsOf<z.input<S>>
  : never;

/** One entry of `rules` once validated (defaults filled in). */
export type RuleEntry<R extends AnyRuleDefinition = BuiltinRule> = R extends RuleDefinition<infer K, infer S, infer _State>
  ? { kind: K; name?: string | undefined } & OptionsOf<z.output<S>>
  : never;

/** The fields every monitor config has, whatever its rules: the schema's own input type. */
type MonitorFieldsInput = Omit<z.input<ReturnType<typeof monitorConfigSchema>>, 'rules' | 'schedule'>;
type ScheduleInput = z.input<ReturnType<typeof monitorConfigSchema>>['schedule'];

/**
 * A monitor config as written (defaults optional), for the rules `R` a registry knows
 * (the built-in rules by default). Editors complete every option, rule kind and rule option.
 *
 * @example const config: MonitorConfigInput = { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 5 }] };
 */
export type MonitorConfigInput<R extends AnyRuleDefinition = BuiltinRule> = MonitorFieldsInput & {
  /** The base schedule: a `{ kind }` config, or in code a function `(step) => rate` (values checked). */
  schedule?: ScheduleInput | ScheduleFunction;
  /** The rules, in priority order; each names its `kind` (and a `name` when a kind appears twice). */
  rules?: readonly RuleEntryInput<R>[] | undefined;
};

type SchemaOutput = z.output<ReturnType<typeof monitorConfigSchema>>;

/**
 * A validated monitor config (defaults filled in), for the rules `R` a registry knows;
 * without `R`, rule entries are plain records (any registry's rules).
 */
export type MonitorConfig<R extends AnyRuleDefinition = AnyRuleDefinition> = AnyRuleDefinition extends R
  ? SchemaOutput
  : Omit<SchemaOutput, 'rules'> & { rules: RuleEntry<R>[] };
