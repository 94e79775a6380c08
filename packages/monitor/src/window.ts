import * as z from 'zod/mini';

/**
 * Most values a window may hold (smoothing's mean and median, greedy's rolling mean,
 * slope's test). The state is immutable, so each observation copies its window, and every
 * snapshot carries it: a window of a million values would make a long replay take hours
 * and each snapshot megabytes.
 */
export const maxWindow = 10_000;

/** An integer window size from `min` to `maxWindow`. */
export function windowSizeSchema(min: number, minRule = `must be >= ${min}`) {
  return z.number().check(
    z.int('must be an integer'),
    z.gte(min, minRule),
    z.lte(maxWindow, `must be <= ${maxWindow} (a window is copied at every observation and kept in every snapshot)`),
  );
}
