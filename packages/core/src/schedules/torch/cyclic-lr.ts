import * as z from 'zod/mini';
import { fraction, nonNegative, positive, rate } from '../../options.js';
import { lerp } from '../../lerp.js';
import { defineSchedule, factoryOf } from '../../schedule.js';

export const cyclicModes = ['triangular', 'triangular2', 'exp_range'] as const;

export const cyclicLRDefinition = defineSchedule({
  kind: 'cyclicLR',
  schema: z
    .strictObject({
      kind: z.literal('cyclicLR'),
      baseLr: rate(),
      maxLr: rate(),
      stepSizeUp: z._default(positive(), 2000),
      stepSizeDown: z._default(z.nullable(nonNegative()), null),
      mode: z._default(z.enum(cyclicModes), 'triangular'),
      // torch documents a scale function in [0, 1]; gamma^t stays there only for gamma <= 1.
      gamma: z._default(fraction(), 1),
    })
    .check(z.refine((o) => Number.isFinite(o.stepSizeUp + (o.stepSizeDown ?? o.stepSizeUp)), {
      message: 'must keep the cycle length stepSizeUp + stepSizeDown finite (at most Number.MAX_VALUE)',
      path: ['stepSizeUp'],
    })),
  build: ({ baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma }) => {
    const up = stepSizeUp;
    const down = stepSizeDown ?? stepSizeUp;
    const total = up + down;
    // The position in the cycle, r = t mod total, is exact for whole steps even at 1e12,
    // where torch's x = 1 + t/total − cycle keeps only a few digits. The rising side takes
    // r === up: up / up is exactly 1 (the peak is maxLr), where the falling side's
    // (total − up) / down can round an ulp below 1 for fractional step sizes.
    const height = (r: number) => (r <= up ? r / up : (total - r) / down);
    // baseLr + (maxLr − baseLr)·k as a lerp, never outside the two whatever the rounding.
    const mix = (k: number) => lerp(baseLr, maxLr, k);
    switch (mode) {
      case 'triangular':
        return (step) => mix(height(step % total));
      case 'triangular2':
        return (step) => {
          const r = step % total;
          // cycle − 1 = the whole cycles already completed; halve the amplitude for each.
          // Past 1024 cycles 2^… is Infinity and the rate settles at baseLr (torch raises
          // OverflowError there).
          return mix(height(r) / 2 ** Math.round((step - r) / total));
        };
      case 'exp_range':
        return (step) => mix(height(step % total) * gamma ** step);
    }
  },
});

/**
 * PyTorch's `CyclicLR` (cyclical learning rates, Smith 2017): a triangle wave between
 * `baseLr` and `maxLr`, `stepSizeUp` steps up and `stepSizeDown` (default: the same)
 * steps down, its amplitude scaled per mode.
 *
 *     r = t mod (up + down),  h = r ≤ up ? r / up : (up + down − r) / down
 *     lr(t) = baseLr + (maxLr − baseLr) · h · s
 *
 * with `s = 1` (triangular), `s = 1 / 2^(cycle − 1)` for the 1-based cycle number
 * (triangular2; torch's scale_mode "cycle"), `s = gamma^t` (exp_range; torch's
 * scale_mode "iterations"). torch sets the optimizer's rate to `baseLr`, so there is
 * no `initialLearningRate`. `maxLr < baseLr` is allowed, as in torch: the triangle
 * points down and the rate stays between the two. `stepSizeUp > 0`, `stepSizeDown >= 0`
 * (0 gives a sawtooth); torch turns both into floats, so fractions are accepted.
 * `gamma` is in [0, 1]. A fractional step follows the same wave. Past cycle 1025 torch's
 * triangular2 raises OverflowError; anneal gives `baseLr` (the amplitude has underflowed).
 *
 * @example
 * const lr = cyclicLR({ baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000 });
 * lr(1000); // 0.0035
 * lr(2000); // 0.006
 */
export const cyclicLR = factoryOf(cyclicLRDefinition);
