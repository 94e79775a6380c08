import * as z from 'zod';
import type { Schedule } from '../schedule.js';

/**
 * Each combinator's schema is a function of its child schema, so one schema serves
 * both forms: `clamp({ schedule: fn })` passes `scheduleFunction`, and the
 * declarative `{ "kind": "clamp", "schedule": { "kind": ... } }` passes the
 * (recursive) schedule config schema.
 */
export type ChildSchema = z.ZodType;

/** A child given as a function (the programmatic form). */
export const scheduleFunction = z.custom<Schedule>((value) => typeof value === 'function', {
  message: 'must be a schedule function (step) => number',
});
