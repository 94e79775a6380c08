import { lerp } from './lerp.js';
import type { Schedule } from './schedule.js';

/**
 * A linear warmup from `from` to `to` over `warmupSteps` steps, then `after` (optax's
 * `join_schedules([linear_schedule, after], [warmupSteps])`):
 *
 *     lr(t) = lerp(from, to, t / warmupSteps)   if t < warmupSteps
 *     lr(t) = after(t − warmupSteps)            otherwise (after(t) with `overlay`)
 *
 * With `overlay` the warmup replaces the first `warmupSteps` steps of `after` instead of
 * delaying it (timm without `warmup_prefix`). No warmup (`warmupSteps` 0) is `after` itself.
 *
 * @example linearWarmup(0, 1e-3, 100, () => 1e-3)(50) // 5e-4
 */
export function linearWarmup(from: number, to: number, warmupSteps: number, after: Schedule, overlay = false): Schedule {
  if (!(warmupSteps > 0)) return after;
  if (overlay) return (step) => (step < warmupSteps ? lerp(from, to, step / warmupSteps) : after(step));
  return (step) => (step < warmupSteps ? lerp(from, to, step / warmupSteps) : after(step - warmupSteps));
}
