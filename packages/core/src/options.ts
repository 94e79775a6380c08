import * as z from 'zod/mini';

// Shared option shapes, so every schedule words the same rule the same way.
// z.number() already rejects NaN and ±Infinity in zod v4.

/** A learning rate: finite and >= 0. */
export const rate = () => z.number().check(z.nonnegative('must be a finite number >= 0'));
/** A strictly positive, finite number (decaySteps, periods, ...). */
export const positive = () => z.number().check(z.positive('must be > 0'));
/** A whole number of steps >= 1. */
export const positiveInt = () => z.number().check(z.int('must be an integer'), z.positive('must be >= 1'));
/** A whole number of steps >= 0. */
export const nonNegativeInt = () => z.number().check(z.int('must be an integer'), z.nonnegative('must be >= 0'));
/** A finite number >= 0. */
export const nonNegative = () => z.number().check(z.nonnegative('must be >= 0'));
/** A fraction in [0, 1]. */
export const fraction = () => z.number().check(z.gte(0, 'must be in [0, 1]'), z.lte(1, 'must be in [0, 1]'));

/** Step boundaries: each a finite number >= 0, each greater than the one before. */
export const increasingBoundaries = () =>
  z.array(nonNegative()).check(z.superRefine((boundaries, ctx) => {
    for (let i = 1; i < boundaries.length; i++) {
      if (!((boundaries[i] as number) > (boundaries[i - 1] as number))) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `must be strictly increasing (greater than the previous boundary, ${boundaries[i - 1]})`,
        });
      }
    }
  }));
