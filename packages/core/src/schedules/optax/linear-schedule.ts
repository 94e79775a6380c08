import type { Schedule } from '../../schedule.js';

/**
 * optax's `join_schedules([linear_schedule(from, to, warmupSteps), after], [warmupSteps])`,
 * computed as optax computes it (optax/schedules/_schedule.py, polynomial_schedule with
 * power 1):
 *
 *     lr(t) = (from − to) · (1 − t / warmupSteps) + to   if t < warmupSteps
 *     lr(t) = after(t − warmupSteps)                      otherwise
 *
 * Not the shared `linearWarmup` (whose lerp is exact at both ends): optax's form cancels
 * near t = 0, so the two differ by up to an ulp of `to`, which at a tiny step is a large
 * part of the value (7.9e-18 against optax's 6.9e-18 at t = 2.4e-13 for a peak of 0.0095).
 * It is >= 0 as optax's is (|from − to| <= the larger end, so the product cannot outweigh
 * `to`), and may round below the smaller end as optax's does (0 for 1e-18 → 0.0156 at
 * t = 0). It can also round an ulp above the larger end, which next to Number.MAX_VALUE
 * would be Infinity: that side alone is capped.
 */
export function optaxWarmup(from: number, to: number, warmupSteps: number, after: Schedule): Schedule {
  if (!(warmupSteps > 0)) return after;
  const high = Math.max(from, to);
  return (step) => (step < warmupSteps ? Math.min((from - to) * (1 - step / warmupSteps) + to, high) : after(step - warmupSteps));
}
