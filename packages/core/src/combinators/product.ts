import * as z from 'zod';
import { parseOrThrow } from '../errors.js';
import type { Schedule } from '../schedule.js';
import { type ChildSchema, scheduleFunction } from './child.js';

export const productSchema = <C extends ChildSchema>(child: C) =>
  z.strictObject({
    kind: z.literal('product'),
    schedules: z.array(child).min(1, 'must hold at least one schedule'),
  });

export function buildProduct(schedules: readonly Schedule[]): Schedule {
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

const programmatic = productSchema(scheduleFunction);

/**
 * The pointwise product `lr(t) = s₀(t) · s₁(t) · …` — PyTorch's `ChainedScheduler`:
 * one base schedule times factor schedules whose `initialLearningRate` is 1.
 *
 * @example product({ schedules: [exponentialLR({ initialLearningRate: 0.1, gamma: 0.99 }), constantLR({ initialLearningRate: 1, factor: 0.5, totalIters: 10 })] })
 */
export function product(options: Omit<z.input<typeof programmatic>, 'kind'>): Schedule {
  const o = parseOrThrow(programmatic, { ...options, kind: 'product' }, 'product options');
  return buildProduct(o.schedules);
}
