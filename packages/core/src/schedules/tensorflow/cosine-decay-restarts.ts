import * as z from 'zod/mini';
import { geometricCycle } from '../../geometric-cycle.js';
import { fraction, nonNegative, positive, rate } from '../../options.js';
import { capGrowth, defineSchedule, factoryOf } from '../../schedule.js';

export const cosineDecayRestartsDefinition = defineSchedule({
  kind: 'cosineDecayRestarts',
  schema: z.strictObject({
    kind: z.literal('cosineDecayRestarts'),
    initialLearningRate: rate(),
    firstDecaySteps: positive(),
    // Periods shrink when tMul < 1: they all fit in firstDecaySteps / (1 − tMul) steps,
    // after which TensorFlow takes the log of a negative number and returns NaN.
    tMul: z._default(z.number().check(z.gte(1, 'must be >= 1 (with tMul < 1 the periods shrink to nothing and the schedule ends in NaN)')), 2),
    // mMul > 1 starts each period higher, as TensorFlow allows; the growth saturates (capGrowth).
    mMul: z._default(nonNegative(), 1),
    alpha: z._default(fraction(), 0),
  }),
  build: ({ initialLearningRate, firstDecaySteps, tMul, mMul, alpha }) => {
    if (initialLearningRate === 0) return () => 0;
    const halfSpan = 0.5 * (1 - alpha);
    const cycle = { index: 0, fraction: 0 };
    if (mMul <= 1) {
      return (step) => {
        const { index, fraction } = geometricCycle(step, firstDecaySteps, tMul, cycle);
        return initialLearningRate * (halfSpan * mMul ** index * (1 + Math.cos(Math.PI * fraction)) + alpha);
      };
    }
    // A growing multiplier: the period's top saturates at Number.MAX_VALUE (rather than
    // overflowing, so no ∞ · 0 can follow), and capGrowth catches the last rounding.
    const floor = initialLearningRate * alpha;
    return capGrowth((step) => {
      const { index, fraction } = geometricCycle(step, firstDecaySteps, tMul, cycle);
      const top = Math.min(initialLearningRate * mMul ** index, Number.MAX_VALUE);
      return halfSpan * top * (1 + Math.cos(Math.PI * fraction)) + floor;
    }, true);
  },
});

/**
 * Cosine decay with warm restarts (SGDR), as TensorFlow's
 * `tf.compat.v1.train.cosine_decay_restarts` and Keras's `CosineDecayRestarts`.
 * Period i (from 0) lasts `firstDecaySteps · tMul^i` steps and starts at
 * `s_i = firstDecaySteps · (tMul^i − 1) / (tMul − 1)` (`firstDecaySteps · i` if tMul = 1):
 *
 *     f = (t − s_i) / (firstDecaySteps · tMul^i)          for s_i <= t < s_{i+1}
 *     lr(t) = initialLearningRate · ((1 − alpha) · mMul^i · ½(1 + cos(π f)) + alpha)
 *
 * The period and the position in it come from `geometricCycle` (closed form: a logarithm,
 * corrected against the partial sums), never from a loop, so `t = 1e12` costs the same as
 * `t = 1`; at an exact restart step the rate is the new period's start
 * `initialLearningRate · ((1 − alpha) · mMul^i + alpha)` (TensorFlow's log/floor can land one
 * period early there). The partial sums use `expm1` for tMul near 1, where TensorFlow's
 * `(1 − tMul^i) / (1 − tMul)` loses most of its digits.
 * Defaults as in TensorFlow: `tMul` 2, `mMul` 1, `alpha` 0.
 *
 * `mMul > 1` is allowed, as in TensorFlow: each period starts `mMul` times higher than the
 * last; the growth saturates at `Number.MAX_VALUE` instead of overflowing to Infinity.
 * Refused where TensorFlow would break: `tMul < 1` (the shrinking periods sum to a finite
 * horizon, beyond which TensorFlow returns NaN), a negative `mMul` (it flips the sign),
 * `alpha` outside [0, 1].
 *
 * @example
 * const lr = cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100 });
 * lr(50);  // 0.05 (halfway through the first period)
 * lr(100); // 0.1  (restart: the second period, 200 steps long, begins)
 */
export const cosineDecayRestarts = factoryOf(cosineDecayRestartsDefinition);
