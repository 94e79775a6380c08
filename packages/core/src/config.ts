import * as z from 'zod/mini';
import { nameKinds } from './suggestions.js';
import { parseOrThrow } from './zod-issues.js';
import type { ChildSchema, CombinatorDefinition, WithChildren } from './combinator.js';
import type { KindSchema, Schedule, ScheduleDefinition } from './schedule.js';
import { combinators } from './combinators/index.js';
import { tensorflowSchedules } from './schedules/tensorflow/index.js';
import { torchSchedules } from './schedules/torch/index.js';
import { transformersSchedules } from './schedules/transformers/index.js';
import { optaxSchedules } from './schedules/optax/index.js';
import { timmSchedules } from './schedules/timm/index.js';

/**
 * Every kind, in one list: the union, the JSON Schema, `buildSchedule`, `scheduleKinds` and the
 * config types all come from it. Adding a kind is its file plus one line in its family's list.
 */
export const scheduleDefinitions = [
  ...tensorflowSchedules,
  ...torchSchedules,
  ...transformersSchedules,
  ...optaxSchedules,
  ...timmSchedules,
  ...combinators,
] as const;

type AnyDefinition = ScheduleDefinition | CombinatorDefinition;
type Definition = (typeof scheduleDefinitions)[number];
type SchemaOf<D> = D extends ScheduleDefinition<string, infer S> ? S : D extends CombinatorDefinition<string, infer S> ? S : never;

// A combinator's child slots are `unknown` in its schema's type; here they become configs again.
// The slot types sit behind interfaces, which is what lets these types refer to themselves.
interface OutputSlot {
  child: ScheduleConfig;
}
interface InputSlot {
  child: ScheduleConfigInput;
}

/** A validated schedule config (defaults filled in), any kind, nested to any depth. */
export type ScheduleConfig = WithChildren<z.output<SchemaOf<Definition>>, OutputSlot>;
/** A schedule config as written by a user (defaults optional), any kind, nested to any depth. */
export type ScheduleConfigInput = WithChildren<z.input<SchemaOf<Definition>>, InputSlot>;

const child: ChildSchema = z.lazy(() => scheduleSchema);

const schemaOf = (definition: AnyDefinition): KindSchema =>
  typeof definition.schema === 'function' ? definition.schema(child) : definition.schema;
const [firstSchema, ...otherSchemas] = scheduleDefinitions.map((definition: AnyDefinition) => schemaOf(definition));
if (firstSchema === undefined) throw new Error('anneal: the kind registry is empty');

/**
 * The declarative form of every schedule: one discriminated union on `kind`,
 * combinators nesting other configs.
 */
// TypeScript cannot follow the recursion through the registry (each combinator's schema is a
// function of this very schema), so the type the list spells out is stated here, once.
export const scheduleSchema = z
  .discriminatedUnion('kind', [firstSchema, ...otherSchemas])
  .register(z.globalRegistry, { id: 'ScheduleConfig', title: 'anneal schedule config' }) as z.ZodMiniType<ScheduleConfig, ScheduleConfigInput>;

const definitionsByKind = new Map<string, AnyDefinition>(scheduleDefinitions.map((definition) => [definition.kind, definition]));

/** The `kind` of a schedule config: one of the registry's kinds. */
export type ScheduleKind = Definition['kind'];

/** Every `kind` a schedule config may name. */
export const scheduleKinds: readonly ScheduleKind[] = scheduleDefinitions.map((definition) => definition.kind);

/**
 * Builds a schedule from an already validated config (no second validation); a combinator's
 * children are built the same way, depth first.
 *
 * @example const schedule = buildSchedule(parseScheduleConfig(json));
 */
export function buildSchedule(config: ScheduleConfig): Schedule {
  return buildValidated(config);
}

// The one walk over a validated config tree: a child slot holds a config the schema has checked.
function buildValidated(config: unknown): Schedule {
  const kind = isKindRecord(config) ? config.kind : undefined;
  const definition = kind === undefined ? undefined : definitionsByKind.get(kind);
  if (definition === undefined) throw new TypeError(`buildSchedule: not a validated schedule config (kind ${String(kind)})`);
  return definition.build(config, buildValidated);
}

const isKindRecord = (value: unknown): value is { kind: string } =>
  typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string';

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
