import * as z from 'zod';
import { parseOrThrow } from '../errors.js';
import type { Schedule } from '../schedule.js';
import { type ChildSchema, scheduleFunction } from './child.js';

export const shiftSchema = <C extends ChildSchema>(child: C) =>
  z.strictObject({
    kind: z.literal('shift'),
    schedule: child,
    steps: z.number(),
  });

export function buildShift(schedule: Schedule, steps: number): Schedule {
  return (step) => schedule(Math.max(0, step - steps));
}

const programmatic = shiftSchema(scheduleFunction);

/**
 * Moves a schedule along the step axis: `lr(t) = s(max(0, t − steps))`. A positive
 * `steps` holds `s(0)` for the first `steps` steps; a negative one starts `s` part-way.
 *
 * @example shift({ schedule: cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 }), steps: 500 })(700) // cosineDecay at step 200
 */
export function shift(options: Omit<z.input<typeof programmatic>, 'kind'>): Schedule {
  const o = parseOrThrow(programmatic, { ...options, kind: 'shift' }, 'shift options');
  return buildShift(o.schedule, o.steps);
}
