import * as z from 'zod';
import { parseOrThrow } from '../errors.js';
import { positive, rate } from '../options.js';
import type { Schedule } from '../schedule.js';
import { type ChildSchema, scheduleFunction } from './child.js';

export const warmupShapes = ['linear', 'cosine', 'exponential'] as const;

export const warmupSchema = <C extends ChildSchema>(child: C) =>
  z
    .strictObject({
      kind: z.literal('warmup'),
      warmupSteps: positive(),
      startLearningRate: rate().default(0),
      shape: z.enum(warmupShapes).default('linear'),
      schedule: child,
    })
    .refine((o) => o.shape !== 'exponential' || o.startLearningRate > 0, {
      message: 'must be > 0 for an exponential warmup (a geometric ramp cannot start at 0)',
      path: ['startLearningRate'],
    });

export function buildWarmup(
  schedule: Schedule,
  warmupSteps: number,
  start: number,
  shape: (typeof warmupShapes)[number],
): Schedule {
  const target = schedule(0);
  const rise = target - start;
  const ratio = target / start; // exponential only: the schema makes start > 0 there
  const ramp: (fraction: number) => number =
    shape === 'linear'
      ? (f) => start + rise * f
      : shape === 'cosine'
        ? (f) => start + rise * 0.5 * (1 - Math.cos(Math.PI * f))
        : (f) => start * ratio ** f;
  return (step) => (step < warmupSteps ? ramp(step / warmupSteps) : schedule(step - warmupSteps));
}

const programmatic = warmupSchema(scheduleFunction);

/**
 * Ramps from `startLearningRate` to `s(0)` over `warmupSteps`, then follows `s`
 * seeing the local step `t − warmupSteps`. Shapes, with f = t / warmupSteps:
 * linear `x + (s(0) − x)·f`; cosine `x + (s(0) − x)·(1 − cos πf)/2`; exponential `x·(s(0)/x)^f`.
 *
 * @example warmup({ warmupSteps: 500, schedule: cosineDecay({ initialLearningRate: 1e-3, decaySteps: 10_000 }) })
 */
export function warmup(options: Omit<z.input<typeof programmatic>, 'kind'>): Schedule {
  const o = parseOrThrow(programmatic, { ...options, kind: 'warmup' }, 'warmup options');
  return buildWarmup(o.schedule, o.warmupSteps, o.startLearningRate, o.shape);
}
