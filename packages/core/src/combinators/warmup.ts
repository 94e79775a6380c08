import * as z from 'zod/mini';
import { combinatorFactoryOf, defineCombinator } from '../combinator.js';
import { lerp } from '../lerp.js';
import { linearWarmup } from '../linear-warmup.js';
import { positive, rate } from '../options.js';

export const warmupShapes = ['linear', 'cosine', 'exponential'] as const;

export const warmupDefinition = defineCombinator({
  kind: 'warmup',
  schema: (child) =>
    z
      .strictObject({
        kind: z.literal('warmup'),
        warmupSteps: positive(),
        startLearningRate: z._default(rate(), 0),
        shape: z._default(z.enum(warmupShapes), 'linear'),
        schedule: child,
      })
      .check(z.refine((o) => o.shape !== 'exponential' || o.startLearningRate > 0, {
        message: 'must be > 0 for an exponential warmup (a geometric ramp cannot start at 0)',
        path: ['startLearningRate'],
      })),
  build: ({ warmupSteps, startLearningRate: start, shape, schedule }, child) => {
    const s = child(schedule);
    const target = s(0);
    if (shape === 'linear') return linearWarmup(start, target, warmupSteps, s);
    const ramp: (fraction: number) => number =
      shape === 'cosine'
        ? (f) => lerp(start, target, 0.5 * (1 - Math.cos(Math.PI * f)))
        : // x^(1 − f)·y^f rather than x·(y/x)^f: the ratio overflows for a subnormal start (the
          // min only catches a last rounding past the larger end near Number.MAX_VALUE).
          (f) => Math.min(start ** (1 - f) * target ** f, Math.max(start, target));
    return (step: number) => (step < warmupSteps ? ramp(step / warmupSteps) : s(step - warmupSteps));
  },
});

/**
 * Ramps from `startLearningRate` to `s(0)` over `warmupSteps`, then follows `s`
 * seeing the local step `t − warmupSteps`. Shapes, with f = t / warmupSteps:
 * linear `x + (s(0) − x)·f`; cosine `x + (s(0) − x)·(1 − cos πf)/2`; exponential `x·(s(0)/x)^f`
 * (computed as `x^(1 − f)·s(0)^f`, finite for every pair of finite rates).
 *
 * @example warmup({ warmupSteps: 500, schedule: cosineDecay({ initialLearningRate: 1e-3, decaySteps: 10_000 }) })
 */
export const warmup = combinatorFactoryOf(warmupDefinition);
