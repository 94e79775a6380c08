// A starting value for a field or a freshly picked kind: the gallery's config for that
// kind when it has one (examples/gallery, the configs the README's charts are drawn
// from) or a starter below, else one built from the JSON Schema: defaults where given, and for required
// options a value chosen by name or, for a name it does not know, from the bounds.
import { type Json, type JsonSchema, kindVariants, lowerBound, resolve, unwrapNullable, upperBound } from './json-schema.js';

const galleryFiles = import.meta.glob<Record<string, Json>>('../../gallery/*.json', { eager: true, import: 'default' });

/** The first gallery config of each kind, nested configs included. */
const galleryByKind = new Map<string, Json>();
function collect(value: Json): void {
  if (Array.isArray(value)) value.forEach(collect);
  else if (value !== null && typeof value === 'object') {
    if (typeof value.kind === 'string' && !galleryByKind.has(value.kind)) galleryByKind.set(value.kind, value);
    Object.values(value).forEach(collect);
  }
}
Object.values(galleryFiles).forEach((file) => collect(file as Json));

/** Each gallery file as a set of named schedules, for the designer's "gallery" menu. */
export const galleryPresets: ReadonlyMap<string, Record<string, Json>> = new Map(
  Object.entries(galleryFiles).map(([path, file]) => [path.replace(/^.*\/|\.json$/g, ''), file]),
);

// Kinds whose options depend on each other in ways a JSON Schema does not say (one of two
// options, one boundary fewer than schedules): a starting config that anneal accepts.
const starters: Record<string, Json> = {
  cosineWithMinLr: { kind: 'cosineWithMinLr', initialLearningRate: 0.1, numWarmupSteps: 100, numTrainingSteps: 1000, minLr: 0.001 },
  warmupStableDecay: { kind: 'warmupStableDecay', initialLearningRate: 0.1, numWarmupSteps: 100, numDecaySteps: 200, numTrainingSteps: 1000 },
  sequence: {
    kind: 'sequence',
    schedules: [
      { kind: 'linearLR', initialLearningRate: 0.1, startFactor: 0.01, totalIters: 100 },
      { kind: 'cosineAnnealingLR', initialLearningRate: 0.1, tMax: 900 },
    ],
    boundaries: [100],
  },
};

// Values for options that are required and have no default, over a 1000-step range.
const byName: Record<string, Json> = {
  initialLearningRate: 0.1,
  maxLr: 0.1,
  baseLr: 0.001,
  peakValue: 0.1,
  initValue: 0,
  endValue: 0.001,
  decaySteps: 1000,
  decayRate: 0.5,
  firstDecaySteps: 250,
  gamma: 0.995,
  stepSize: 300,
  milestones: [300, 600],
  tMax: 1000,
  t0: 250,
  tInitial: 1000,
  totalSteps: 1000,
  numWarmupSteps: 100,
  numTrainingSteps: 1000,
  numDecaySteps: 200,
  numStableSteps: 700,
  timescale: 100,
  warmupSteps: 100,
  transitionSteps: 200,
  boundaries: [300, 600],
  values: [0.1, 0.01, 0.001],
  steps: 100,
  max: 0.05,
  metric: 'val_loss',
  patience: 5,
  drops: 2,
  action: 'drop',
  factor: 0.5,
};

/** A value for a kinded config (schedule or rule) of `kind`, as its variant schema describes it. */
export function exampleOfKind(kind: string, variant: JsonSchema, root: JsonSchema): Json {
  const known = galleryByKind.get(kind) ?? starters[kind];
  if (known !== undefined) return structuredClone(known);
  return exampleValue(variant, root, kind);
}

/** A value that fits `schema` (as far as the schema says), for a field named `name`. */
export function exampleValue(schema: JsonSchema, root: JsonSchema, name = ''): Json {
  const resolved = resolve(schema, root);
  const variants = kindVariants(resolved);
  if (variants !== undefined) {
    const preferred = variants.has('cosineDecay') ? 'cosineDecay' : (variants.keys().next().value as string);
    return exampleOfKind(preferred, variants.get(preferred) as JsonSchema, root);
  }
  const { schema: inner } = unwrapNullable(resolved);
  if (inner.default !== undefined) return structuredClone(inner.default) as Json;
  if (inner.const !== undefined) return inner.const as Json;
  if (name in byName && name !== 'kind') return structuredClone(byName[name] as Json);
  if (inner.enum !== undefined) return inner.enum[0] as Json;
  switch (inner.type) {
    case 'object': {
      const value: Record<string, Json> = {};
      for (const key of inner.required ?? []) {
        const property = inner.properties?.[key];
        if (property !== undefined) value[key] = exampleValue(property, root, key);
      }
      // An object whose members are all optional (warmRestart's `after`) still needs one.
      if (Object.keys(value).length === 0 && inner.properties !== undefined && (inner.required ?? []).length === 0 && name !== '') {
        const [first] = Object.entries(inner.properties);
        if (first !== undefined && inner.properties.kind === undefined) value[first[0]] = exampleValue(first[1], root, first[0]);
      }
      return value;
    }
    case 'array':
      return Array.from({ length: inner.minItems ?? 0 }, () => exampleValue(inner.items ?? {}, root, name));
    case 'integer':
    case 'number': {
      const low = lowerBound(inner) ?? 0;
      const high = upperBound(inner);
      if (high !== undefined) return inner.type === 'integer' ? Math.round((low + high) / 2) : (low + high) / 2;
      return inner.type === 'integer' ? Math.max(1, Math.ceil(low)) : low > 0 ? low * 2 : 1;
    }
    case 'boolean':
      return false;
    case 'string':
      return '';
    default:
      return null;
  }
}
