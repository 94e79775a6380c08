import * as z from 'zod/mini';
import { positive } from '../../options.js';

// Cross-field rules shared by the Hugging Face schedules, worded once.

/** `numTrainingSteps >= numWarmupSteps`: a warmup longer than training is a config mistake. */
export function trainingAtLeastWarmup(
  o: { numWarmupSteps: number; numTrainingSteps: number },
  ctx: z.core.$RefinementCtx,
): void {
  if (o.numTrainingSteps < o.numWarmupSteps) {
    ctx.addIssue({
      code: 'custom',
      path: ['numTrainingSteps'],
      message: `must be >= numWarmupSteps (${o.numWarmupSteps})`,
    });
  }
}

/** A number of cosine cycles: > 0, and small enough that the angular rate 2π·numCycles is finite. */
export const cycles = () =>
  positive().check(z.refine((c) => Number.isFinite(Math.PI * c * 2), 'must keep the angular rate 2π · numCycles finite (at most 2.8e307)'));

/**
 * Hugging Face's cosine wave ½(1 + cos(2π·numCycles·progress)), its angle computed as HF does
 * (π·numCycles·2·progress, so values match HF's to the bit); the progress saturates where the
 * angle would overflow (far past any training run), so the wave stays finite.
 */
export function cosineWave(numCycles: number): (progress: number) => number {
  const angularRate = Math.PI * numCycles * 2;
  const lastProgress = Number.MAX_VALUE / 2 / angularRate; // half: rounding cannot overflow the angle
  return (progress) => 0.5 * (1 + Math.cos(angularRate * Math.min(progress, lastProgress)));
}
