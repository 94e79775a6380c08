// Reading the JSON Schemas anneal exports (scheduleJsonSchema, monitorJsonSchema): just
// the shapes zod's toJSONSchema writes for anneal's configs. The form and the example
// values are generated from them, so a new schedule kind or rule appears without a change here.

export interface JsonSchema {
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly description?: string;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Follows `$ref: "#/$defs/Name"` (the only references anneal's schemas hold). */
export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref !== undefined && depth < 8; depth++) {
    const name = current.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (target === undefined) break;
    current = target;
  }
  return current;
}

/** The variants of a `oneOf` whose members each fix a `kind` (schedules, rules), by kind; else undefined. */
export function kindVariants(schema: JsonSchema): Map<string, JsonSchema> | undefined {
  if (schema.oneOf === undefined) return undefined;
  const variants = new Map<string, JsonSchema>();
  for (const variant of schema.oneOf) {
    const kind = variant.properties?.kind?.const;
    if (typeof kind !== 'string') return undefined;
    variants.set(kind, variant);
  }
  return variants;
}

/** `anyOf: [X, {type: "null"}]` → X (and whether null is allowed). */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const options = schema.anyOf;
  if (options?.length === 2 && options.some((s) => s.type === 'null')) {
    const inner = options.find((s) => s.type !== 'null') as JsonSchema;
    return { schema: { ...inner, ...(schema.default === undefined ? {} : { default: schema.default }) }, nullable: true };
  }
  return { schema, nullable: false };
}

/** The smallest value a number field allows (its minimum or exclusive minimum). */
export function lowerBound(schema: JsonSchema): number | undefined {
  return schema.minimum ?? schema.exclusiveMinimum;
}

/** The largest value a number field allows, when it has one. */
export function upperBound(schema: JsonSchema): number | undefined {
  const max = schema.maximum ?? schema.exclusiveMaximum;
  // zod writes Number.MAX_SAFE_INTEGER as the bound of every int(); that is no real limit.
  return max !== undefined && max < 1e15 ? max : undefined;
}
