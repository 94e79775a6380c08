import * as z from 'zod';
import { combinatorFactoryOf, defineCombinator } from '../combinator.js';
import type { Schedule } from '../schedule.js';

export const productDefinition = defineCombinator({
  kind: 'product',
  schema: (child) =>
    z.strictObject({
      kind: z.literal('product'),
      schedules: z.array(child).min(1, 'must hold at least one schedule'),
    }),
  build: ({ schedules }, child) => buildProduct(schedules.map(child)),
});

function buildProduct(schedules: readonly Schedule[]): Schedule {
  if (schedules.length === 1) return schedules[0] as Schedule;
  if (schedules.length === 2) {
    const [a, b] = schedules as [Schedule, Schedule];
    return (step) => a(step) * b(step);
  }
  return (step) => {
    let value = 1;
    for (const s of schedules) value *= s(step);
    return value;
  };
}

/**
 * The pointwise product `lr(t) = s₀(t) · s₁(t) · …` — PyTorch's `ChainedScheduler`:
 * one base schedule times factor schedules whose `initialLearningRate` is 1.
 *
 * @example product({ schedules: [exponentialLR({ initialLearningRate: 0.1, gamma: 0.99 }), constantLR({ initialLearningRate: 1, factor: 0.5, totalIters: 10 })] })
 */
export const product = combinatorFactoryOf(productDefinition);
