import type { z } from 'zod';
import { parseOrThrow } from './errors.js';

/**
 * A learning-rate schedule: the rate in effect after `step` optimizer steps.
 * Pure, total for every finite `step >= 0` (fractional too), never NaN, never negative.
 */
export type Schedule = (step: number) => number;

/** A schedule kind: its declarative schema (with the `kind` literal) and how to build it. */
export interface ScheduleDefinition<K extends string = string, S extends z.ZodType = z.ZodType> {
  readonly kind: K;
  readonly schema: S;
  /** Builds the schedule from options the schema has already validated. */
  readonly build: (options: z.output<S>) => Schedule;
}

export function defineSchedule<K extends string, S extends z.ZodType<{ kind: K }>>(
  definition: ScheduleDefinition<K, S>,
): ScheduleDefinition<K, S> {
  return definition;
}

/** The options a factory takes: the declarative form without its `kind`. */
export type FactoryOptions<S extends z.ZodType> = Omit<z.input<S>, 'kind'>;

/**
 * Makes the user-facing factory of a kind: validate, then build. The factory and
 * `fromConfig` share this one path, so they cannot disagree.
 */
export function factoryOf<K extends string, S extends z.ZodType<{ kind: K }>>(
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
 */
export function capGrowth(schedule: Schedule, grows: boolean): Schedule {
  return grows ? (step) => Math.min(schedule(step), Number.MAX_VALUE) : schedule;
}
