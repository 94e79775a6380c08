import { closest, distance } from 'fastest-levenshtein';
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { installSuggester, valueAt } from './zod-issues.js';

// Why this file walks schemas: a zod issue says *that* a key is unknown or a kind is not
// in the union, not which names were allowed there. The schema at the issue's path knows,
// so the message can say what was meant (`patiense` → `patience`).

/** What a union's kinds are called in messages (`schedule`, `rule`), set by `nameKinds`. */
const kindNouns = new WeakMap<object, string>();
/** Pointers for names users bring from other libraries, set by `optionHints`. */
const hints = new WeakMap<object, Readonly<Record<string, string>>>();

/**
 * Names the kinds of a discriminated union for messages: `is not a schedule kind`.
 *
 * @example export const scheduleSchema = nameKinds(z.discriminatedUnion('kind', [...]), 'schedule');
 */
export function nameKinds<S extends object>(union: S, noun: string): S {
  install();
  kindNouns.set(union, noun);
  return union;
}

/**
 * Gives an object schema pointers for option names it does not have but users will try,
 * such as another library's name for one of its options.
 *
 * @example optionHints(schema, { min_delta: 'Keras\'s min_delta is threshold with thresholdMode: "abs"' })
 */
export function optionHints<S extends object>(schema: S, pointers: Readonly<Record<string, string>>): S {
  install();
  hints.set(schema, { ...hints.get(schema), ...pointers });
  return schema;
}

/** The hints one schema was given (to carry them over to a schema derived from it). */
export function optionHintsOf(schema: object): Readonly<Record<string, string>> | undefined {
  return hints.get(schema);
}

/**
 * The closest of `names` to `name`, when close enough to be a slip (a typo, a case or
 * snake_case difference): at most 2 edits, or a third of the name for long names.
 *
 * @example didYouMean('patiense', ['patience', 'factor']) // 'patience'
 */
export function didYouMean(name: string, names: readonly string[]): string | undefined {
  if (names.length === 0 || name.length > 200) return undefined;
  const best = closest(name, names);
  const lower = (s: string) => s.toLowerCase().replaceAll('_', '');
  if (lower(best) === lower(name)) return best;
  const d = distance(name, best);
  return d <= Math.max(2, Math.floor(name.length / 3)) && d < name.length ? best : undefined;
}

interface Def {
  type: string;
  shape?: Record<string, $ZodType>;
  element?: $ZodType;
  options?: readonly $ZodType[];
  discriminator?: string;
  innerType?: $ZodType;
  in?: $ZodType;
  getter?: () => $ZodType;
  valueType?: $ZodType;
  items?: readonly $ZodType[];
}

const defOf = (schema: $ZodType): Def => schema._zod.def as unknown as Def;

/** Strips wrappers (optional, default, lazy, pipe, ...) down to the schema that checks the value. */
function unwrap(schema: $ZodType, value: unknown): $ZodType {
  for (let i = 0; i < 64; i++) {
    const def = defOf(schema);
    let next: $ZodType | undefined;
    if (def.type === 'lazy') next = def.getter?.();
    else if (def.type === 'pipe') next = def.in;
    else if (def.type === 'union' && def.discriminator !== undefined) next = optionFor(schema, value);
    else next = def.innerType;
    if (next === undefined) return schema;
    schema = next;
  }
  return schema;
}

/** The option of a discriminated union that `value`'s discriminator selects. */
function optionFor(union: $ZodType, value: unknown): $ZodType | undefined {
  const { discriminator, options = [] } = defOf(union);
  if (discriminator === undefined || value === null || typeof value !== 'object') return undefined;
  const tag = (value as Record<string, unknown>)[discriminator];
  return options.find((option) => option._zod.propValues?.[discriminator]?.has(tag as string));
}

/** The schema that checked `path` inside `input` (undefined where the path leaves the schema). */
function schemaAt(root: $ZodType, input: unknown, path: readonly PropertyKey[]): { schema: $ZodType; value: unknown } | undefined {
  let schema = unwrap(root, input);
  let value = input;
  for (const key of path) {
    const def = defOf(schema);
    let next: $ZodType | undefined;
    if (def.type === 'object') next = def.shape?.[key as string];
    else if (def.type === 'array') next = def.element;
    else if (def.type === 'record') next = def.valueType;
    else if (def.type === 'tuple') next = def.items?.[key as number];
    if (next === undefined) return undefined;
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    schema = unwrap(next, value);
  }
  return { schema, value };
}


function unknownKeyRule(root: $ZodType | undefined, input: unknown, objectPath: readonly PropertyKey[], key: string): string {
  const found = root === undefined ? undefined : schemaAt(root, input, objectPath);
  const pointers = found === undefined ? undefined : hints.get(found.schema);
  // Own keys only: an unknown option named "constructor" must not find Object.prototype's.
  const pointer = pointers !== undefined && Object.hasOwn(pointers, key) ? pointers[key] : undefined;
  if (pointer !== undefined) return `is not a known option; ${pointer}`;
  const shape = found === undefined ? undefined : defOf(found.schema).shape;
  const meant = shape === undefined ? undefined : didYouMean(key, Object.keys(shape));
  return meant === undefined ? 'is not a known option (misspelt?)' : `is not a known option; did you mean "${meant}"?`;
}

function unknownKindRule(root: $ZodType | undefined, input: unknown, issue: $ZodIssue & { code: 'invalid_union' }): string {
  const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
  const found = root === undefined ? undefined : schemaAt(root, input, issue.path.slice(0, -1));
  const union = found === undefined ? undefined : unionAt(found.schema);
  const noun = union === undefined ? 'known' : (kindNouns.get(union) ?? 'known');
  const value = valueAt(input, issue.path);
  if (value === undefined) return `is required: expected ${listed(options)}`;
  const meant = typeof value === 'string' ? didYouMean(value, options) : undefined;
  if (meant !== undefined) return `is not a ${noun} kind; did you mean "${meant}"?`;
  return `is not a ${noun} kind: expected ${listed(options)}`;
}

/** The discriminated union a (wrapped) schema is, before an option was chosen. */
function unionAt(schema: $ZodType): $ZodType | undefined {
  for (let i = 0; i < 64; i++) {
    const def = defOf(schema);
    if (def.type === 'union') return schema;
    const next = def.type === 'lazy' ? def.getter?.() : def.type === 'pipe' ? def.in : def.innerType;
    if (next === undefined) return undefined;
    schema = next;
  }
  return undefined;
}

function listed(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(' | ');
}


// Installed by the first `nameKinds` or `optionHints` call (config.ts and the monitor's
// config make them), so a bundle of factories alone leaves the guessing out (issue 8's
// browser budget); every declarative config gets it.
let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  installSuggester({ unknownKey: unknownKeyRule, unknownKind: unknownKindRule });
}
