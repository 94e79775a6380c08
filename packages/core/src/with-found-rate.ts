import { scheduleDefinitions, type ScheduleConfigInput } from './config.js';
import { AnnealError } from './errors.js';
import { type SuggestionMethod, suggestionMethods } from './suggest-learning-rate.js';

/** What `withFoundRate` reads from a range test's result. */
export interface FoundRates {
  readonly suggestions: Readonly<Partial<Record<SuggestionMethod, number | null>>>;
}

/** A monitor config (or anything else with a base rate): a constant `initialLearningRate` or a `schedule`. */
export interface BaseRateConfig {
  initialLearningRate?: number | undefined;
  schedule?: ScheduleConfigInput | undefined;
}

// The option that is "the rate a run starts from" (or peaks at) in kinds that do not
// call it initialLearningRate; a kind with no single such rate is refused.
const peakField: Record<string, string> = { oneCycleLR: 'maxLr', warmupCosineDecay: 'peakValue', warmupExponentialDecay: 'peakValue' };
const wrappers = new Set(['warmup', 'clamp', 'shift']);
const shapes = new Map<string, Record<string, unknown> | undefined>(
  scheduleDefinitions.map((d) => [d.kind, (d.schema as unknown as { shape?: Record<string, unknown> }).shape]),
);

function rateField(kind: string): string | null {
  if (kind in peakField) return peakField[kind] as string;
  return shapes.get(kind)?.initialLearningRate === undefined ? null : 'initialLearningRate';
}

function withRate(schedule: ScheduleConfigInput, lr: number, path: string): ScheduleConfigInput {
  const kind = (schedule as { kind?: unknown }).kind;
  if (typeof kind === 'string' && wrappers.has(kind)) {
    const inner = (schedule as { schedule: ScheduleConfigInput }).schedule;
    return { ...schedule, schedule: withRate(inner, lr, `${path}schedule.`) } as ScheduleConfigInput;
  }
  const field = typeof kind === 'string' ? rateField(kind) : null;
  if (field === null) {
    const rule =
      'must be a schedule with one starting or peak rate (initialLearningRate, or maxLr of oneCycleLR, or peakValue), ' +
      'possibly inside warmup, clamp or shift; for sequence, product, cyclicLR and piecewiseConstant set the rates yourself';
    throw new AnnealError('INVALID_CONFIG', { subject: 'config for a found rate', issues: [{ path: `${path}kind`, value: kind, rule }] });
  }
  return { ...schedule, [field]: lr } as ScheduleConfigInput;
}

/**
 * Puts a range test's suggested rate into a config, as a new object (the argument is not
 * changed): a schedule config gets it as `initialLearningRate` (`maxLr` for `oneCycleLR`,
 * `peakValue` for optax's warmup schedules; through `warmup`, `clamp` and `shift` to the
 * schedule inside); a monitor config sets its `schedule` so, or its `initialLearningRate`
 * when it has no schedule. A method without a suggestion (its curve was too short) is an
 * `AnnealError`.
 *
 * @example
 * const result = await findLearningRate(model, xs, ys);
 * const monitor = createMonitor(withFoundRate(config, result, 'valley'));
 */
export function withFoundRate<C extends ScheduleConfigInput | BaseRateConfig>(
  config: C,
  result: FoundRates,
  method: SuggestionMethod = 'valley',
): C {
  if (!suggestionMethods.includes(method)) {
    const rule = `must be one of ${suggestionMethods.join(', ')}`;
    throw new AnnealError('INVALID_OPTIONS', { subject: 'suggestion method', issues: [{ path: 'method', value: method, rule }] });
  }
  const lr = result?.suggestions?.[method];
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    const rule = 'must be a finite rate > 0 (this method had too few points to suggest one: see the result’s warnings)';
    throw new AnnealError('INVALID_OPTIONS', { subject: 'range test result', issues: [{ path: `suggestions.${method}`, value: lr, rule }] });
  }
  if (config !== null && typeof config === 'object' && 'kind' in config) return withRate(config, lr, '') as C;
  const base = config as BaseRateConfig;
  if (base.schedule !== undefined) return { ...config, schedule: withRate(base.schedule, lr, 'schedule.') };
  return { ...config, initialLearningRate: lr };
}
