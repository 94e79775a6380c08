import * as z from 'zod/mini';
import { fraction, nonNegativeInt, positiveInt, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';
import { cosineWave, cycles } from './refinements.js';

export const wsdShapes = ['linear', 'cosine', '1-sqrt'] as const;

export const warmupStableDecayDefinition = defineSchedule({
  kind: 'warmupStableDecay',
  schema: z
    .strictObject({
      kind: z.literal('warmupStableDecay'),
      initialLearningRate: rate(),
      numWarmupSteps: nonNegativeInt(),
      numDecaySteps: nonNegativeInt(),
      numStableSteps: z.optional(nonNegativeInt()),
      numTrainingSteps: z.optional(positiveInt()),
      warmupType: z._default(z.enum(wsdShapes), 'linear'),
      decayType: z._default(z.enum(wsdShapes), 'cosine'),
      minLrRatio: z._default(fraction(), 0),
      numCycles: z._default(cycles(), 0.5),
    })
    .check(z.superRefine((o, ctx) => {
      if (o.numStableSteps !== undefined && o.numTrainingSteps !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['numTrainingSteps'],
          message: 'set only one of numStableSteps and numTrainingSteps',
        });
      } else if (o.numStableSteps === undefined && o.numTrainingSteps === undefined) {
        ctx.addIssue({ code: 'custom', path: ['numStableSteps'], message: 'one of numStableSteps or numTrainingSteps is required' });
      } else if (o.numTrainingSteps !== undefined && o.numTrainingSteps < o.numWarmupSteps + o.numDecaySteps) {
        ctx.addIssue({
          code: 'custom',
          path: ['numTrainingSteps'],
          message: `must be >= numWarmupSteps + numDecaySteps (${o.numWarmupSteps + o.numDecaySteps})`,
        });
      }
    })),
  build: (o) => {
    const { initialLearningRate: lr, numWarmupSteps: warmup, numDecaySteps: decay, minLrRatio: floor } = o;
    const stable = o.numStableSteps ?? (o.numTrainingSteps as number) - warmup - decay;
    const decayStart = warmup + stable;
    const decayEnd = decayStart + decay;
    const warmupDenominator = Math.max(1, warmup);
    const decayDenominator = Math.max(1, decay);
    const rise: (p: number) => number =
      o.warmupType === 'linear'
        ? (p) => p
        : o.warmupType === 'cosine'
          ? (p) => 0.5 * (1 - Math.cos(Math.PI * p))
          : (p) => 1 - Math.sqrt(1 - p);
    const fall: (p: number) => number =
      o.decayType === 'linear'
        ? (p) => 1 - p
        : o.decayType === 'cosine'
          ? cosineWave(o.numCycles)
          : (p) => 1 - Math.sqrt(p);
    return (step) => {
      if (step < warmup) return lr * Math.max(0, rise(step / warmupDenominator) * (1 - floor) + floor);
      if (step < decayStart) return lr;
      if (step < decayEnd) return lr * Math.max(0, fall((step - decayStart) / decayDenominator) * (1 - floor) + floor);
      return lr * floor;
    };
  },
});

/**
 * Warmup, stable, decay ("WSD", MiniCPM), as Hugging Face's `get_wsd_schedule`
 * (`lr_scheduler_type="warmup_stable_decay"`), with r = minLrRatio, W, S, D the warmup, stable
 * and decay steps:
 *
 *     lr(t) = lr₀ · (rise(t / max(1, W))·(1 − r) + r)              if t < W
 *     lr(t) = lr₀                                                  if W <= t < W + S
 *     lr(t) = lr₀ · (fall((t − W − S) / max(1, D))·(1 − r) + r)    if W + S <= t < W + S + D
 *     lr(t) = lr₀ · r                                              after
 *
 * rise: linear `p`, cosine `½(1 − cos πp)`, 1-sqrt `1 − √(1 − p)`;
 * fall: linear `1 − p`, cosine `½(1 + cos 2π·numCycles·p)`, 1-sqrt `1 − √p`.
 * Give `numStableSteps`, or `numTrainingSteps` and S = T − W − D (exactly one of the two).
 *
 * @example
 * const lr = warmupStableDecay({ initialLearningRate: 1e-3, numWarmupSteps: 100, numStableSteps: 800, numDecaySteps: 100, decayType: 'linear' });
 * lr(500); // 1e-3
 * lr(950); // 5e-4
 */
export const warmupStableDecay = factoryOf(warmupStableDecayDefinition);
