// Random values drawn from a JSON Schema (the subset zod's toJSONSchema writes for schedule
// configs: $ref, oneOf/anyOf, const, enum, objects, arrays, numbers and integers with bounds,
// booleans, null), for property tests that must cover whatever the published schema accepts.
// Numbers lean on the extremes (0, subnormals, 1e308, Number.MAX_VALUE, the bounds themselves),
// where formulas overflow. Not a test file itself.
import fc from 'fast-check';

export type JsonSchema = { readonly [key: string]: unknown };

const specialNumbers = [
  0, Number.MIN_VALUE, 1e-310, 1e-300, 1e-12, 1e-6, 0.1, 0.5, 1 - 2 ** -53, 1, 1 + 2 ** -52, 1.5, 2, 3, 10, 1000, 1e6, 1e12,
  2 ** 53 - 1, 2 ** 53, 1e300, 1e307, 1e308, Number.MAX_VALUE,
];
const specialIntegers = [0, 1, 2, 3, 10, 100, 1000, 1e6, 1e9, 1e12, 2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1];

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly exclusiveMin: boolean;
  readonly exclusiveMax: boolean;
}

function boundsOf(schema: JsonSchema): Bounds {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const exclusiveMin = num('exclusiveMinimum');
  const exclusiveMax = num('exclusiveMaximum');
  return {
    min: exclusiveMin ?? num('minimum') ?? -Number.MAX_VALUE,
    max: exclusiveMax ?? num('maximum') ?? Number.MAX_VALUE,
    exclusiveMin: exclusiveMin !== undefined,
    exclusiveMax: exclusiveMax !== undefined,
  };
}

const inside = (b: Bounds) => (x: number) =>
  (b.exclusiveMin ? x > b.min : x >= b.min) && (b.exclusiveMax ? x < b.max : x <= b.max);

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const b = boundsOf(schema);
  const ok = inside(b);
  const edges = [b.min, b.max].filter((x) => Number.isFinite(x) && (!integer || Number.isInteger(x)));
  const specials = [...new Set([...(integer ? specialIntegers : specialNumbers), ...edges])].filter(ok);
  const lo = Math.max(b.min, integer ? 0 : -Number.MAX_VALUE);
  const hi = Math.min(b.max, integer ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE);
  const random = integer
    ? fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.max(Math.ceil(lo), Math.min(hi, 1000)) }), fc.maxSafeNat())
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const choices = specials.length > 0 ? [fc.constantFrom(...specials), random.filter(ok)] : [random.filter(ok)];
  return fc.oneof(...choices);
}

/** Every value the schema (resolved against `root`) accepts, up to `depth` levels of `$ref`. */
export function arbitraryFromJsonSchema(root: JsonSchema, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') {
    const path = schema.$ref.replace(/^#\/?/, '').split('/').filter((part) => part !== '');
    let target: unknown = root;
    for (const part of path) target = (target as JsonSchema)[part];
    return arbitraryFromJsonSchema(root, target as JsonSchema, depth - 1);
  }
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives !== undefined) {
    // At the depth limit only alternatives without a further $ref (schedules, not combinators).
    const allowed = depth > 0 ? alternatives : alternatives.filter((a) => !JSON.stringify(a).includes('"$ref"'));
    return fc.oneof(...allowed.map((a) => arbitraryFromJsonSchema(root, a, depth)));
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = arbitraryFromJsonSchema(root, value, depth);
      return fc.record(record, { requiredKeys: (schema.required ?? []) as string[] });
    }
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return fc.array(arbitraryFromJsonSchema(root, schema.items as JsonSchema, depth), { minLength, maxLength: minLength + 3 });
    }
    case 'number':
      return numberArbitrary(schema, false);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      return fc.string();
    default:
      throw new Error(`json-schema-arbitrary: no generator for ${JSON.stringify(schema).slice(0, 120)}`);
  }
}
