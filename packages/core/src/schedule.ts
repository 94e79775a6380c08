import type * as z from 'zod/mini';
import { parseOrThrow } from './errors.js';

/**
 * A learning-rate schedule: the rate in effect after `step` optimizer steps.
 * Pure, total for every finite `step >= 0` (fractional too), never NaN, never negative.
 */
export type Schedule = (step: number) => number;

/** An options schema that a discriminated union on `kind` can hold (a `z.strictObject`, refined or not). */
export type KindSchema = z.core.$ZodType & z.core.$ZodTypeDiscriminable;

/** A schedule kind: its declarative schema (with the `kind` literal) and how to build it. */
export interface ScheduleDefinition<K extends string = string, S extends KindSchema = KindSchema> {
  readonly kind: K;
  readonly schema: S;
  /** Builds the schedule from options the schema has already validated. */
  build(options: z.output<S>): Schedule;
}

/**
 * Declares a schedule kind; its options type comes from the schema (see exponential-decay.ts).
 *
 * @example
 * const halving = defineSchedule({
 *   kind: 'halving',
 *   schema: z.strictObject({ kind: z.literal('halving'), initialLearningRate: z.number().nonnegative(), every: z.number().positive() }),
 *   build: ({ initialLearningRate, every }) => (step) => initialLearningRate * 0.5 ** Math.floor(step / every),
 * });
 */
export function defineSchedule<K extends string, S extends KindSchema & z.core.$ZodType<{ kind: K }>>(
  definition: ScheduleDefinition<K, S>,
): ScheduleDefinition<K, S> {
  return definition;
}

/** The options a factory takes: the declarative form without its `kind`. */
export type FactoryOptions<S extends z.core.$ZodType> = Omit<z.input<S>, 'kind'>;

/**
 * Makes the user-facing factory of a kind: validate, then build. The factory and
 * `fromConfig` share this one path, so they cannot disagree.
 *
 * @example export const exponentialDecay = factoryOf(exponentialDecayDefinition);
 */
export function factoryOf<K extends string, S extends KindSchema & z.core.$ZodType<{ kind: K }>>(
  definition: ScheduleDefinition<K, S>,
): (options: FactoryOptions<S>) => Schedule {
  return (options) => {
    const parsed = parseOrThrow(definition.schema, { ...options, kind: definition.kind }, `${definition.kind} options`);
    return definition.build(parsed);
  };
}

/**
 * Caps a schedule that may grow (a factor > 1, as in an LR range test) at the largest
 * finite double, so far-out steps give `Number.MAX_VALUE` instead of `Infinity`.
 * Decaying schedules are returned as they are: no extra cost in their hot path.
 *
 *     lr(t) = min(s(t), Number.MAX_VALUE)   if grows,   s(t) otherwise
 *
 * @example capGrowth((step) => 0.1 * gamma ** step, gamma > 1)
 */
export function capGrowth(schedule: Schedule, grows: boolean): Schedule {
  return grows ? (step) => Math.min(schedule(step), Number.MAX_VALUE) : schedule;
}
