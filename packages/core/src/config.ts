import * as z from 'zod';
import { nameKinds } from './suggestions.js';
import { parseOrThrow } from './zod-issues.js';
import type { Schedule, ScheduleDefinition } from './schedule.js';
import { tensorflowSchedules } from './schedules/tensorflow/index.js';
import { torchSchedules } from './schedules/torch/index.js';
import { transformersSchedules } from './schedules/transformers/index.js';
import { buildClamp, clampSchema } from './combinators/clamp.js';
import { buildProduct, productSchema } from './combinators/product.js';
import { buildSequence, sequenceSchema } from './combinators/sequence.js';
import { buildShift, shiftSchema } from './combinators/shift.js';
import { buildWarmup, warmupSchema } from './combinators/warmup.js';

/** Every closed-form schedule kind, in one list. */
export const scheduleDefinitions = [...tensorflowSchedules, ...torchSchedules, ...transformersSchedules] as const;

type LeafConfig = z.output<(typeof scheduleDefinitions)[number]['schema']>;
type LeafConfigInput = z.input<(typeof scheduleDefinitions)[number]['schema']>;

// The config type is recursive (combinators nest), which TypeScript cannot infer
// through a generic schema factory. Each combinator's own fields still come from
// its schema; only the child fields are spelled out, through interfaces, which may
// refer to themselves.
type Fields<S extends (child: z.ZodUnknown) => z.ZodType, Io extends 'in' | 'out', K extends string> = Omit<
  Io extends 'out' ? z.output<ReturnType<S>> : z.input<ReturnType<S>>,
  K
>;
type Child = z.ZodType<ScheduleConfig, ScheduleConfigInput>;

interface ClampConfig extends Fields<typeof clampSchema<z.ZodUnknown>, 'out', 'schedule'> { schedule: ScheduleConfig }
interface ShiftConfig extends Fields<typeof shiftSchema<z.ZodUnknown>, 'out', 'schedule'> { schedule: ScheduleConfig }
interface WarmupConfig extends Fields<typeof warmupSchema<z.ZodUnknown>, 'out', 'schedule'> { schedule: ScheduleConfig }
interface ProductConfig extends Fields<typeof productSchema<z.ZodUnknown>, 'out', 'schedules'> { schedules: ScheduleConfig[] }
interface SequenceConfig extends Fields<typeof sequenceSchema<z.ZodUnknown>, 'out', 'schedules'> {
  schedules: ScheduleConfig[];
}
interface ClampInput extends Fields<typeof clampSchema<z.ZodUnknown>, 'in', 'schedule'> { schedule: ScheduleConfigInput }
interface ShiftInput extends Fields<typeof shiftSchema<z.ZodUnknown>, 'in', 'schedule'> { schedule: ScheduleConfigInput }
interface WarmupInput extends Fields<typeof warmupSchema<z.ZodUnknown>, 'in', 'schedule'> { schedule: ScheduleConfigInput }
interface ProductInput extends Fields<typeof productSchema<z.ZodUnknown>, 'in', 'schedules'> {
  schedules: ScheduleConfigInput[];
}
interface SequenceInput extends Fields<typeof sequenceSchema<z.ZodUnknown>, 'in', 'schedules'> {
  schedules: ScheduleConfigInput[];
}

/** A validated schedule config (defaults filled in). */
export type ScheduleConfig = LeafConfig | ClampConfig | ShiftConfig | WarmupConfig | ProductConfig | SequenceConfig;
/** A schedule config as written by a user (defaults optional). */
export type ScheduleConfigInput = LeafConfigInput | ClampInput | ShiftInput | WarmupInput | ProductInput | SequenceInput;

const child: Child = z.lazy(() => scheduleSchema);

/**
 * The declarative form of every schedule: one discriminated union on `kind`,
 * combinators nesting other configs.
 */
export const scheduleSchema: Child = z
  .discriminatedUnion('kind', [
    ...scheduleDefinitions.map((definition) => definition.schema),
    clampSchema(child),
    shiftSchema(child),
    productSchema(child),
    sequenceSchema(child),
    warmupSchema(child),
  ] as unknown as [z.ZodObject, ...z.ZodObject[]])
  .meta({ id: 'ScheduleConfig', title: 'anneal schedule config' }) as unknown as Child;

const definitionsByKind = new Map<string, ScheduleDefinition>(
  scheduleDefinitions.map((definition) => [definition.kind, definition as unknown as ScheduleDefinition]),
);

/** Every `kind` a schedule config may name. */
export const scheduleKinds: readonly string[] = [
  ...definitionsByKind.keys(),
  'clamp',
  'shift',
  'product',
  'sequence',
  'warmup',
];

/**
 * Builds a schedule from an already validated config (no second validation).
 *
 * @example const schedule = buildSchedule(parseScheduleConfig(json));
 */
export function buildSchedule(config: ScheduleConfig): Schedule {
  switch (config.kind) {
    case 'clamp':
      return buildClamp(buildSchedule(config.schedule), config.min, config.max);
    case 'shift':
      return buildShift(buildSchedule(config.schedule), config.steps);
    case 'product':
      return buildProduct(config.schedules.map(buildSchedule));
    case 'sequence':
      return buildSequence(config.schedules.map(buildSchedule), config.boundaries);
    case 'warmup':
      return buildWarmup(buildSchedule(config.schedule), config.warmupSteps, config.startLearningRate, config.shape);
    default: {
      const definition = definitionsByKind.get(config.kind) as ScheduleDefinition;
      return definition.build(config);
    }
  }
}

// Messages call an unknown kind "not a schedule kind" (and say which one was meant).
nameKinds(scheduleSchema, 'schedule');

/**
 * Validates a config without building it; throws `AnnealError` (`INVALID_CONFIG`) whose
 * message begins `Invalid <subject>:` (say which file the config came from there). The
 * way in for a value typed `unknown` (a parsed file): it returns the typed config.
 * A config nested deeper than `maxConfigDepth` (100) is refused before zod sees it.
 *
 * @example parseScheduleConfig(JSON.parse(text), 'schedule config in "lr.json"')
 */
export function parseScheduleConfig(json: unknown, subject = 'schedule config'): ScheduleConfig {
  return parseOrThrow(scheduleSchema, withoutSchemaKey(json), subject, 'INVALID_CONFIG');
}

// Config files may point editors at the JSON Schema with a root "$schema" key; it is
// not an option of any schedule, and every other unknown key is refused.
function withoutSchemaKey(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || !('$schema' in json)) return json;
  const { $schema: _, ...rest } = json as Record<string, unknown>;
  return rest;
}

/**
 * Builds a schedule from its declarative form. Typed: a literal config with a misspelt
 * option, an unknown kind or a wrong value is a compile error at any depth, and editors
 * complete every option. A value typed `unknown` goes through `parseScheduleConfig`
 * first; one typed `any` (`JSON.parse`) passes, and is validated here all the same.
 *
 * @example fromConfig({ kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 1000 })(500)
 */
export function fromConfig(config: ScheduleConfigInput & { $schema?: string }): Schedule {
  return buildSchedule(parseScheduleConfig(config));
}

/**
 * The JSON Schema (draft 2020-12) of schedule configs, for editors and `anneal schema`.
 *
 * @example writeFileSync('schedule.schema.json', JSON.stringify(scheduleJsonSchema(), null, 2));
 */
export function scheduleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scheduleSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
