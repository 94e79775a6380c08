import type * as z from 'zod';

// Cross-field rules shared by the Hugging Face schedules, worded once.

/** `numTrainingSteps >= numWarmupSteps`: a warmup longer than training is a config mistake. */
export function trainingAtLeastWarmup(
  o: { numWarmupSteps: number; numTrainingSteps: number },
  ctx: z.RefinementCtx,
): void {
  if (o.numTrainingSteps < o.numWarmupSteps) {
    ctx.addIssue({
      code: 'custom',
      path: ['numTrainingSteps'],
      message: `must be >= numWarmupSteps (${o.numWarmupSteps})`,
    });
  }
}
