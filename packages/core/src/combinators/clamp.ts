import * as z from 'zod/mini';
import { rate } from '../options.js';
import { combinatorFactoryOf, defineCombinator } from '../combinator.js';

export const clampDefinition = defineCombinator({
  kind: 'clamp',
  schema: (child) =>
    z
      .strictObject({
        kind: z.literal('clamp'),
        schedule: child,
        min: z._default(rate(), 0),
        max: z.optional(rate()),
      })
      .check(z.refine((o) => o.max === undefined || o.max >= o.min, { message: 'must be >= min', path: ['max'] })),
  build: ({ schedule, min, max = Infinity }, child) => {
    const s = child(schedule);
    return (step) => Math.min(Math.max(s(step), min), max);
  },
});

/**
 * Bounds a schedule: `lr(t) = min(max(s(t), min), max)`.
 *
 * @example clamp({ schedule: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.5 }), min: 1e-5 })
 */
export const clamp = combinatorFactoryOf(clampDefinition);
