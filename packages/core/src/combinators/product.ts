import * as z from 'zod/mini';
import { combinatorFactoryOf, defineCombinator } from '../combinator.js';
import type { Schedule } from '../schedule.js';

export const productDefinition = defineCombinator({
  kind: 'product',
  schema: (child) =>
    z.strictObject({
      kind: z.literal('product'),
      schedules: z.array(child).check(z.minLength(1, 'must hold at least one schedule')),
    }),
  build: ({ schedules }, child) => buildProduct(schedules.map(child)),
});

// Each factor is finite, but a product of large ones can overflow: it saturates at
// Number.MAX_VALUE after every factor, so a later factor 0 gives 0, never ∞ · 0 = NaN.
function buildProduct(schedules: readonly Schedule[]): Schedule {
  if (schedules.length === 1) return schedules[0] as Schedule;
  if (schedules.length === 2) {
    const [a, b] = schedules as [Schedule, Schedule];
    return (step) => Math.min(a(step) * b(step), Number.MAX_VALUE);
  }
  return (step) => {
    let value = 1;
    for (const s of schedules) value = Math.min(value * s(step), Number.MAX_VALUE);
    return value;
  };
}

/**
 * The pointwise product `lr(t) = s₀(t) · s₁(t) · …` — PyTorch's `ChainedScheduler`:
 * one base schedule times factor schedules whose `initialLearningRate` is 1. The product
 * saturates at `Number.MAX_VALUE` (two growing factors would otherwise overflow).
 *
 * @example product({ schedules: [exponentialLR({ initialLearningRate: 0.1, gamma: 0.99 }), constantLR({ initialLearningRate: 1, factor: 0.5, totalIters: 10 })] })
 */
export const product = combinatorFactoryOf(productDefinition);
