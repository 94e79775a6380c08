import { optionSchemas } from '@anneal/core';
import * as z from 'zod/mini';

const { positive, positiveInt } = optionSchemas;

/**
 * The options of a learning-rate range test, with fastai's defaults (`Learner.lr_find`,
 * `LRFinder`, `AvgSmoothLoss`). Strict: a misspelt option is an error.
 */
export const rangeTestOptionsSchema = z
  .strictObject({
    /** Rate of the first batch. */
    startLr: z._default(positive(), 1e-7),
    /** Rate the test grows towards (reached at batch numIter, one past the last). */
    endLr: z._default(positive(), 10),
    /** Batches per run (fastai uses at least 6). */
    numIter: z._default(z.number().check(z.int('must be an integer'), z.gte(6, 'must be >= 6 (fastai’s least)')), 100),
    /** Rate of batch i: startLr·(endLr/startLr)^(i/numIter) (`exp`, fastai) or startLr + (i/numIter)·(endLr − startLr). */
    stepMode: z._default(z.enum(['exp', 'linear']), 'exp'),
    /** Smoothing of the loss: a bias-corrected exponential moving average (0: none). */
    beta: z._default(z.number().check(z.gte(0, 'must be in [0, 1)'), z.lt(1, 'must be in [0, 1)')), 0.98),
    /** Stop after the first batch whose smoothed loss exceeds this many times the best one; null: never. */
    divergeThreshold: z._default(z.nullable(z.number().check(z.gt(1, 'must be > 1'))), 4),
    /** Repeat the test this many times (state restored between runs) for a median suggestion and its spread. */
    runs: z._default(positiveInt(), 1),
  })
  .check(z.refine((o) => o.endLr > o.startLr, { path: ['endLr'], message: 'must be > startLr (the rate grows during the test)' }));

export type RangeTestOptionsInput = z.input<typeof rangeTestOptionsSchema>;
export type RangeTestOptions = z.output<typeof rangeTestOptionsSchema>;

/**
 * The rate of batch `i` (fastai's `SchedExp`/`SchedLin` at pos = i / numIter).
 *
 * @example rangeTestRate(rangeTestOptionsSchema.parse({}), 50) // 1e-7 · 1e8^0.5 = 1e-3
 */
export function rangeTestRate(options: Pick<RangeTestOptions, 'startLr' | 'endLr' | 'numIter' | 'stepMode'>, i: number): number {
  const { startLr, endLr, numIter, stepMode } = options;
  const pos = i / numIter;
  return stepMode === 'exp' ? startLr * (endLr / startLr) ** pos : startLr + pos * (endLr - startLr);
}
