import * as z from 'zod/mini';
import { parseOrThrow } from './errors.js';
import type { KindSchema, Schedule } from './schedule.js';

/**
 * A combinator's schema is a function of the schema of one child, so one schema serves both
 * forms: the factory passes `scheduleFunction` (`clamp({ schedule: fn })`), the config union
 * passes the recursive config schema (`{ "kind": "clamp", "schedule": { "kind": ... } }`).
 * The child slots are typed `unknown` here; {@link WithChildren} fills them in.
 */
export type ChildSchema = z.core.$ZodType;

/** Turns the value in a child slot into a schedule (a config is built, a function is taken as it is). */
export type ChildBuilder = (child: unknown) => Schedule;

/** A kind that wraps other schedules: its schema given a child schema, and how to build it. */
export interface CombinatorDefinition<K extends string = string, S extends KindSchema = KindSchema> {
  readonly kind: K;
  /** The options schema (with the `kind` literal), its child slots holding `child`. */
  schema(child: ChildSchema): S;
  /** Builds from validated options; `child` turns each child slot into a schedule. */
  build(options: z.output<S>, child: ChildBuilder): Schedule;
}

/**
 * Declares a combinator kind, the way `defineSchedule` declares a schedule (see clamp.ts).
 *
 * @example
 * const negate = defineCombinator({
 *   kind: 'halve',
 *   schema: (child) => z.strictObject({ kind: z.literal('halve'), schedule: child }),
 *   build: ({ schedule }, child) => { const s = child(schedule); return (step) => s(step) / 2; },
 * });
 */
export function defineCombinator<K extends string, S extends KindSchema & z.core.$ZodType<{ kind: K }>>(
  definition: CombinatorDefinition<K, S>,
): CombinatorDefinition<K, S> {
  return definition;
}

/**
 * `T` with its child slots (the fields typed `unknown`, alone or in arrays) replaced by
 * `Slot['child']`. The slot type sits behind an interface so a config type can refer to itself
 * (TypeScript defers an interface's members, not a type alias's arguments).
 */
export type WithChildren<T, Slot extends { child: unknown }> = T extends unknown // distributes over a union of kinds
  ? unknown extends T
    ? Slot['child']
    : T extends readonly (infer E)[]
      ? WithChildren<E, Slot>[]
      : T extends object
        ? { [K in keyof T]: WithChildren<T[K], Slot> }
        : T
  : never;

interface FunctionSlot {
  child: Schedule;
}

/** A child given as a function (the programmatic form). */
export const scheduleFunction = z.custom<Schedule>((value) => typeof value === 'function', {
  message: 'must be a schedule function (step) => number',
});

/** The options a combinator's factory takes: the declarative form without `kind`, children as functions. */
export type CombinatorOptions<S extends z.core.$ZodType> = WithChildren<Omit<z.input<S>, 'kind'>, FunctionSlot>;

const isSchedule = (value: unknown): value is Schedule => typeof value === 'function';

// In the programmatic form the schema has already checked that each slot holds a function.
const takeFunction: ChildBuilder = (child) => {
  if (isSchedule(child)) return child;
  throw new TypeError('a child schedule must be a function (step) => number');
};

/**
 * Makes the user-facing factory of a combinator: validate (children must be functions), then build.
 *
 * @example export const clamp = combinatorFactoryOf(clampDefinition);
 */
export function combinatorFactoryOf<K extends string, S extends KindSchema & z.core.$ZodType<{ kind: K }>>(
  definition: CombinatorDefinition<K, S>,
): (options: CombinatorOptions<S>) => Schedule {
  const schema = definition.schema(scheduleFunction);
  return (options) => definition.build(parseOrThrow(schema, { ...options, kind: definition.kind }, `${definition.kind} options`), takeFunction);
}
