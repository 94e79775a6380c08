import * as z from 'zod/mini';
import { combinatorFactoryOf, defineCombinator } from '../combinator.js';

export const shiftDefinition = defineCombinator({
  kind: 'shift',
  schema: (child) =>
    z.strictObject({
      kind: z.literal('shift'),
      schedule: child,
      steps: z.number(),
    }),
  build: ({ schedule, steps }, child) => {
    const s = child(schedule);
    // A negative shift moves steps up: near Number.MAX_VALUE that overflows, so the child's step
    // saturates at the largest finite one (every schedule is finite there).
    if (steps < 0) return (step) => s(Math.min(step - steps, Number.MAX_VALUE));
    return (step) => s(Math.max(0, step - steps));
  },
});

/**
 * Moves a schedule along the step axis: `lr(t) = s(max(0, t − steps))`. A positive
 * `steps` holds `s(0)` for the first `steps` steps; a negative one starts `s` part-way (the
 * shifted step saturates at `Number.MAX_VALUE`).
 *
 * @example shift({ schedule: cosineDecay({ initialLearningRate: 0.1, decaySteps: 1000 }), steps: 500 })(700) // cosineDecay at step 200
 */
export const shift = combinatorFactoryOf(shiftDefinition);
