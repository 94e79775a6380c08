import { AnnealError, buildSchedule, nameKinds, optionHints, optionSchemas, parseOrThrow, type Schedule, scheduleSchema } from '@anneal/core';
import * as z from 'zod/mini';
import type { BuiltinRule, MonitorConfig, MonitorConfigInput } from './config-types.js';
import type { AnyRuleDefinition } from './define-rule.js';
import { createDefaultRegistry } from './default-registry.js';
import type { RuleRegistry } from './registry.js';
import { smoothingSchema } from './smoothing.js';
import { checkedSchedule, hasScheduleFunction, type ScheduleFunction } from './schedule-function.js';

const { rate } = optionSchemas;

/**
 * Names users bring from Keras or PyTorch for an option a rule spells differently: an
 * unknown option with one of these names gets this pointer instead of a guess.
 */
const foreignOptionNames: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  plateau: {
    min_delta: 'Keras\'s min_delta is threshold with thresholdMode: "abs"',
    minDelta: 'Keras\'s min_delta is threshold with thresholdMode: "abs"',
    threshold_mode: 'use thresholdMode',
    min_lr: 'the floor is the monitor\'s minLr (top level), for every rule',
    minLr: 'the floor is the monitor\'s minLr (top level), for every rule',
  },
  earlyStop: { min_delta: 'use minDelta', restore_best_weights: 'restoring weights is the tfjs adapter\'s restoreBestWeights option' },
};

/** The schema of one rule entry: the rule's own options plus `kind` and an optional `name`. */
function ruleEntrySchema(definition: AnyRuleDefinition) {
  // z.safeExtend, not a method: a plugin's schema may be written with classic zod or zod/mini.
  const entry = z.safeExtend(definition.schema as z.ZodMiniObject, {
    kind: z.literal(definition.kind),
    /** Names the rule in decisions and snapshots; defaults to its kind. Needed when a kind appears twice. */
    name: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
  });
  const foreign = Object.hasOwn(foreignOptionNames, definition.kind) ? foreignOptionNames[definition.kind] : undefined;
  return foreign === undefined ? entry : optionHints(entry, foreign);
}

/**
 * The monitor config schema for the rules a registry knows (so custom rules validate
 * like built-ins). Strict like every built-in rule's options: a misspelt key
 * (`"minlr"`) is an error, not a silently ignored setting. `$schema` is allowed so
 * that an editor can be pointed at `monitorJsonSchema()`; it takes no part in the run.
 *
 * @example monitorConfigSchema(registry).safeParse(JSON.parse(text)).success
 */
export function monitorConfigSchema(registry: RuleRegistry = createDefaultRegistry()) {
  const entries = registry.list().map(ruleEntrySchema);
  const rule =
    entries.length === 0
      ? z.never({ message: 'no rule kinds are registered' })
      : nameKinds(z.discriminatedUnion('kind', entries as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]]), 'rule');
  return z
    .strictObject({
      /** The JSON Schema this file follows (for editors); ignored by the monitor. */
      $schema: z.optional(z.string()),
      /** The base rate when no schedule is given. */
      initialLearningRate: z.optional(rate()),
      /** A closed-form base schedule from @anneal/core. */
      schedule: z.optional(scheduleSchema),
      metric: z.string().check(z.minLength(1, 'must name a metric')),
      mode: z._default(z.enum(['min', 'max']), 'min'),
      minLr: z._default(rate(), 0),
      maxLr: z._default(z.nullable(rate()), null),
      onMissing: z._default(z.enum(['error', 'skip']), 'error'),
      /** Smooths the monitored metric before every rule (ema, mean or median); absent: raw values. */
      smoothing: z.optional(smoothingSchema),
      rules: z._default(z.array(rule), []),
    })
    .check(z.superRefine((config, ctx) => {
      if (config.initialLearningRate === undefined && config.schedule === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['initialLearningRate'],
          message:
            'give initialLearningRate (a constant base rate) or schedule: a monitor on its own has no optimizer to take the rate from (the @anneal/tfjs and @anneal/loop adapters default to the optimizer\'s rate)',
        });
      } else if (config.initialLearningRate !== undefined && config.schedule !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'give only one of initialLearningRate (a constant base rate) or schedule' });
      }
      if (config.maxLr !== null && config.maxLr < config.minLr) {
        ctx.addIssue({ code: 'custom', path: ['maxLr'], message: 'must be >= minLr' });
      }
      const seen = new Set<string>();
      config.rules.forEach((entry, i) => {
        const name = (entry as { name?: string; kind: string }).name ?? (entry as { kind: string }).kind;
        if (seen.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'name'],
            message: `must be unique: "${name}" is used twice (give each rule of the same kind a name)`,
          });
        }
        seen.add(name);
      });
    }));
}

/**
 * The JSON Schema (draft 2020-12) of monitor configs for the rules a registry knows,
 * a user's rules included: for editors (`"$schema"`, VS Code's json.schemas) and
 * `anneal schema --monitor`. Describes the input: options with defaults are optional.
 *
 * @example
 * const registry = createDefaultRegistry();
 * registry.register(targetReached);
 * writeFileSync('monitor.schema.json', JSON.stringify(monitorJsonSchema(registry), null, 2));
 */
export function monitorJsonSchema(registry: RuleRegistry = createDefaultRegistry()): Record<string, unknown> {
  const schema = monitorConfigSchema(registry).register(z.globalRegistry, {
    title: 'anneal monitor config',
    description: 'A base rate or schedule, the metric to watch, and the rules that lower, restart or stop the rate.',
  });
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export type { BuiltinRule, MonitorConfig, MonitorConfigInput, RuleEntry, RuleEntryInput } from './config-types.js';

/**
 * Validates a monitor config against the registry's rules without compiling it: the way
 * in for a value typed `unknown` (a parsed file), returning the typed config. Throws
 * AnnealError (INVALID_CONFIG) naming every bad field; a config nested more than 100
 * levels deep is refused before it is walked.
 *
 * @example const config = parseMonitorConfig(JSON.parse(text), registry, 'monitor config in "monitor.json"');
 */
export function parseMonitorConfig<R extends AnyRuleDefinition = BuiltinRule>(
  json: unknown,
  registry: RuleRegistry<R> = createDefaultRegistry() as unknown as RuleRegistry<R>,
  subject = 'monitor config',
): MonitorConfig<R> & MonitorConfigInput<R> {
  return parseOrThrow(monitorConfigSchema(registry), json, subject, 'INVALID_CONFIG') as MonitorConfig<R> & MonitorConfigInput<R>;
}

/** A rule ready to run: its definition, validated options and name. */
export interface CompiledRule {
  readonly name: string;
  readonly definition: AnyRuleDefinition;
  readonly options: Record<string, unknown>;
}

/** A validated config, compiled: everything `reduce` and `lrAt` need. */
export interface MonitorProgram {
  readonly config: MonitorConfig;
  readonly base: Schedule;
  readonly rules: readonly CompiledRule[];
  readonly minLr: number;
  /** `Infinity` when the config's `maxLr` is null. */
  readonly maxLr: number;
  /**
   * True: a base rate below `minLr` is lifted to it (anneal). False when a plateau rule runs
   * under compat "torch" or "keras": they apply `min_lr` only when reducing, so a rate
   * that starts below it stays there.
   */
  readonly liftToMinLr: boolean;
  /** True when `metric` names a member of Object.prototype ("constructor"): looked up as an own property only. */
  readonly inheritedMetric: boolean;
}

export interface CompileMonitorOptions {
  /**
   * The base rate of a config that names neither `initialLearningRate` nor `schedule`
   * (it becomes the config's `initialLearningRate`): the adapters pass the optimizer's rate.
   */
  readonly baseLearningRate?: number;
}

/**
 * Validates a monitor config against the registry and compiles it. Throws AnnealError
 * (INVALID_CONFIG) naming the bad field. `schedule` may also be a function
 * `(step) => rate` (configs built in code); its values are checked at every call.
 *
 * @example
 * const program = compileMonitor({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau' }] });
 * let state = initialState(program);
 * ({ state } = reduce(state, { metrics: { val_loss: 0.4 } }, program));
 */
export function compileMonitor(
  input: unknown,
  registry: RuleRegistry = createDefaultRegistry(),
  options: CompileMonitorOptions = {},
): MonitorProgram {
  // A function schedule is checked apart (the JSON schema knows `{ kind }` only), by
  // validating the rest with a stand-in; the config keeps the function, which the
  // fingerprint spells "(function)", so a snapshot restores only with a function again.
  const fn: ScheduleFunction | undefined = hasScheduleFunction(input) ? input.schedule : undefined;
  let given = fn === undefined ? input : { ...(input as object), schedule: { kind: 'constant', initialLearningRate: 0 } };
  const record = given as { initialLearningRate?: unknown; schedule?: unknown } | null;
  if (options.baseLearningRate !== undefined && record !== null && typeof record === 'object') {
    if (record.initialLearningRate === undefined && record.schedule === undefined) {
      given = { ...record, initialLearningRate: options.baseLearningRate };
    }
  }
  // `$schema` is an editor's hint: dropped so that it cannot change the fingerprint.
  const { $schema: _editorHint, ...parsed } = parseOrThrow(monitorConfigSchema(registry), given, 'monitor config', 'INVALID_CONFIG');
  const config = (fn === undefined ? parsed : { ...parsed, schedule: fn }) as MonitorConfig;
  const base: Schedule =
    fn !== undefined
      ? checkedSchedule(fn)
      : config.schedule !== undefined
        ? buildSchedule(config.schedule)
        : constantRate(config.initialLearningRate as number);
  const rules = config.rules.map((entry, i): CompiledRule => {
    const { kind, name, ...options } = entry as { kind: string; name?: string } & Record<string, unknown>;
    const definition = registry.get(kind);
    if (definition === undefined) {
      // Unreachable after validation unless the registry changed in between.
      const rule = 'must be a registered rule kind (the registry changed during validation)';
      throw new AnnealError('INVALID_CONFIG', { subject: 'monitor config', issues: [{ path: `rules[${i}].kind`, value: kind, rule }] });
    }
    return { name: name ?? kind, definition, options };
  });
  const referenceFloor = rules.some((rule) => rule.definition.kind === 'plateau' && rule.options.compat !== 'anneal');
  return { config, base, rules, minLr: config.minLr, maxLr: config.maxLr ?? Infinity, liftToMinLr: !referenceFloor,
    inheritedMetric: config.metric in Object.prototype,
  };
}

function constantRate(value: number): Schedule {
  return () => value;
}
