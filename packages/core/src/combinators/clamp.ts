import * as z from 'zod';
import { parseOrThrow } from '../errors.js';
import { rate } from '../options.js';
import type { Schedule } from '../schedule.js';
import { type ChildSchema, scheduleFunction } from './child.js';

export const clampSchema = <C extends ChildSchema>(child: C) =>
  z
    .strictObject({
      kind: z.literal('clamp'),
      schedule: child,
      min: rate().default(0),
      max: rate().optional(),
    })
    .refine((o) => o.max === undefined || o.max >= o.min, { message: 'must be >= min', path: ['max'] });

export function buildClamp(schedule: Schedule, min: number, max = Infinity): Schedule {
  return (step) => Math.min(Math.max(schedule(step), min), max);
}

const programmatic = clampSchema(scheduleFunction);

/**
 * Bounds a schedule: `lr(t) = min(max(s(t), min), max)`.
 *
 * @example clamp({ schedule: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.5 }), min: 1e-5 })
 */
export function clamp(options: Omit<z.input<typeof programmatic>, 'kind'>): Schedule {
  const o = parseOrThrow(programmatic, { ...options, kind: 'clamp' }, 'clamp options');
  return buildClamp(o.schedule, o.min, o.max);
}
