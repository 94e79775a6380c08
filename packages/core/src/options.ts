import { z } from 'zod';

// Shared option shapes, so every schedule words the same rule the same way.
// z.number() already rejects NaN and ±Infinity in zod v4.

/** A learning rate: finite and >= 0. */
export const rate = () => z.number().nonnegative('must be a finite number >= 0');
/** A strictly positive, finite number (decaySteps, periods, ...). */
export const positive = () => z.number().positive('must be > 0');
/** A whole number of steps >= 1. */
export const positiveInt = () => z.number().int('must be an integer').positive('must be >= 1');
/** A whole number of steps >= 0. */
export const nonNegativeInt = () => z.number().int('must be an integer').nonnegative('must be >= 0');
/** A finite number >= 0. */
export const nonNegative = () => z.number().nonnegative('must be >= 0');
/** A fraction in [0, 1]. */
export const fraction = () => z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]');
