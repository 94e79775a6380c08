import * as z from 'zod';
import { fraction, positive, rate } from '../../options.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const cosineDecayRestartsDefinition = defineSchedule({
  kind: 'cosineDecayRestarts',
  schema: z.strictObject({
    kind: z.literal('cosineDecayRestarts'),
    initialLearningRate: rate(),
    firstDecaySteps: positive(),
    // Periods shrink when tMul < 1: they all fit in firstDecaySteps / (1 − tMul) steps,
    // after which TensorFlow takes the log of a negative number and returns NaN.
    tMul: z.number().min(1, 'must be >= 1 (with tMul < 1 the periods shrink to nothing and the schedule ends in NaN)').default(2),
    // mMul > 1 would grow the rate without bound as restarts accumulate.
    mMul: fraction().default(1),
    alpha: fraction().default(0),
  }),
  build: ({ initialLearningRate, firstDecaySteps, tMul, mMul, alpha }) => {
    const halfSpan = 0.5 * (1 - alpha);
    const shape = (cycle: number, fraction: number) =>
      initialLearningRate * (halfSpan * mMul ** cycle * (1 + Math.cos(Math.PI * fraction)) + alpha);
    if (tMul === 1) {
      return (step) => {
        const completed = step / firstDecaySteps;
        const cycle = Math.floor(completed);
        return shape(cycle, completed - cycle);
      };
    }
    const tm1 = tMul - 1; // exact: subtracting 1 from a float >= 1 loses nothing
    const logT = Math.log1p(tm1);
    // Start of period i in units of firstDecaySteps: (tMul^i − 1) / (tMul − 1). Near 1 the
    // power cancels against the 1, so expm1 takes over there; each form is then within a few
    // ulps, which TensorFlow's plain (1 − tMul^i) / (1 − tMul) is not for tMul close to 1.
    const start = (i: number) => {
      const x = i * logT;
      return (x < 1 ? Math.expm1(x) : tMul ** i - 1) / tm1;
    };
    // Rounding in the log or in a start may leave an exact restart step a few ulps short of
    // its computed start; within this slack a step belongs to the period that begins there.
    const slack = 8 * Number.EPSILON;
    return (step) => {
      const completed = step / firstDecaySteps;
      // Invert the geometric series: i = floor(log_tMul(1 + completed · (tMul − 1))) ...
      const estimate = Math.log1p(completed * tm1) / logT;
      let cycle = Math.floor(estimate);
      // ... which can land one period off next to a restart (its error is a few ulps of the
      // estimate, far inside this window); there the partial sums decide.
      const part = estimate - cycle;
      const window = 1e-9 * (1 + estimate);
      if (part < window || part > 1 - window) {
        const tolerance = completed * slack;
        if (completed < start(cycle) - tolerance) cycle -= 1;
        else if (completed >= start(cycle + 1) - tolerance) cycle += 1;
      }
      return shape(cycle, (completed - start(cycle)) / tMul ** cycle);
    };
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
 * The period index is computed in closed form (a logarithm, corrected against the
 * partial sums), never with a loop, so `t = 1e12` costs the same as `t = 1`; at an exact
 * restart step the rate is the new period's start `initialLearningRate · ((1 − alpha) · mMul^i + alpha)`
 * (TensorFlow's log/floor can land one period early there). A step within 8 ulps before a
 * computed restart counts as that restart, so rounding cannot turn a restart into the end of
 * the previous period. The partial sums use `expm1` for tMul near 1, where TensorFlow's
 * `(1 − tMul^i) / (1 − tMul)` loses most of its digits.
 * Defaults as in TensorFlow: `tMul` 2, `mMul` 1, `alpha` 0.
 *
 * Refused where TensorFlow would break: `tMul < 1` (the shrinking periods sum to a finite
 * horizon, beyond which TensorFlow returns NaN), `mMul` outside [0, 1] (negative flips the
 * sign; above 1 the rate grows without bound), `alpha` outside [0, 1].
 *
 * @example
 * const lr = cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100 });
 * lr(50);  // 0.05 (halfway through the first period)
 * lr(100); // 0.1  (restart: the second period, 200 steps long, begins)
 */
export const cosineDecayRestarts = factoryOf(cosineDecayRestartsDefinition);
