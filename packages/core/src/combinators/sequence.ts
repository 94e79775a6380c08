import * as z from 'zod/mini';
import { combinatorFactoryOf, defineCombinator } from '../combinator.js';
import { increasingBoundaries } from '../options.js';
import type { Schedule } from '../schedule.js';

export const sequenceDefinition = defineCombinator({
  kind: 'sequence',
  schema: (child) =>
    z
      .strictObject({
        kind: z.literal('sequence'),
        schedules: z.array(child).check(z.minLength(1, 'must hold at least one schedule')),
        boundaries: increasingBoundaries(),
      })
      .check(z.superRefine((o, ctx) => {
        if (o.boundaries.length !== o.schedules.length - 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['boundaries'],
            message: `must hold schedules.length - 1 = ${o.schedules.length - 1} values, holds ${o.boundaries.length}`,
          });
        }
      })),
  build: ({ schedules, boundaries }, child) => buildSequence(schedules.map(child), boundaries),
});

export function buildSequence(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  if (schedules.length === 1) return schedules[0] as Schedule;
  if (schedules.length === 2) {
    // The common case (warmup then decay): one comparison, two direct calls V8 can inline.
    const [first, second] = schedules as [Schedule, Schedule];
    const boundary = boundaries[0] as number;
    return (step) => (step < boundary ? first(step) : second(step - boundary));
  }
  return (step) => {
    // Few boundaries in practice: a linear scan from the end beats a binary search.
    let i = boundaries.length;
    while (i > 0 && step < (boundaries[i - 1] as number)) i--;
    const start = i === 0 ? 0 : (boundaries[i - 1] as number);
    return (schedules[i] as Schedule)(step - start);
  };
}

/**
 * Joins schedules at step boundaries: `s₀` until `b₁`, then `s₁` seeing the local
 * step `t − b₁`, and so on (PyTorch's `SequentialLR`, optax's `join_schedules`).
 * At a boundary the next schedule starts at its own step 0.
 *
 * @example
 * sequence({
 *   schedules: [linearLR({ initialLearningRate: 0.1, startFactor: 0.1, totalIters: 500 }), cosineAnnealingLR({ initialLearningRate: 0.1, tMax: 9500 })],
 *   boundaries: [500],
 * })
 */
export const sequence = combinatorFactoryOf(sequenceDefinition);
