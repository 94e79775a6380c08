import * as z from 'zod/mini';
import { increasingBoundaries, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const piecewiseConstantDefinition = defineSchedule({
  kind: 'piecewiseConstant',
  schema: z
    .strictObject({
      kind: z.literal('piecewiseConstant'),
      boundaries: increasingBoundaries().check(z.minLength(1, 'must hold at least one boundary')),
      values: z.array(rate()),
    })
    .check(z.superRefine(({ boundaries, values }, ctx) => {
      if (values.length !== boundaries.length + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['values'],
          message: `must hold one more value than boundaries (${boundaries.length + 1}), has ${values.length}`,
        });
      }
    })),
  build: ({ boundaries, values }) => {
    const bounds = Float64Array.from(boundaries);
    const levels = Float64Array.from(values);
    const n = bounds.length;
    return (step) => {
      // Binary search for the first boundary >= step: `step <= b` keeps the earlier value.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (step <= (bounds[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      return levels[lo] as number;
    };
  },
});

/**
 * Piecewise constant, as TensorFlow's `tf.compat.v1.train.piecewise_constant` and
 * Keras's `PiecewiseConstantDecay`:
 *
 *     lr(t) = values[0]   if t <= boundaries[0]
 *             values[i]   if boundaries[i−1] < t <= boundaries[i]
 *             values[n]   if t > boundaries[n−1]
 *
 * A step equal to a boundary keeps the earlier value (the switch happens just after
 * it). `boundaries` must be strictly increasing and `>= 0`, and `values` must hold
 * exactly one more entry than `boundaries`, each a rate `>= 0`.
 *
 * @example
 * const lr = piecewiseConstant({ boundaries: [100, 110], values: [1, 0.5, 0.1] });
 * lr(100); // 1   (still the first value at the boundary)
 * lr(101); // 0.5
 */
export const piecewiseConstant = factoryOf(piecewiseConstantDefinition);
