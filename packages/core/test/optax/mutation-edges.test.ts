import { describe, expect, it } from 'vitest';
import { warmupCosineDecay, warmupExponentialDecay } from '@anneal/core';

// Survivors of `pnpm mutate schedules:optax` (docs/benchmarks.md). Reference: optax
// optax/schedules/_schedule.py (commit 006cebd2adddd064757543329c83eaed0890ed82):
// warmup_*_schedule = join_schedules([linear_schedule(init, peak, W), second], [W]), the
// second seeing count − W; exponential_decay returns init_value where count − begin <= 0,
// then clip_fn(value, end_value) with clip_fn = jnp.maximum if decay_rate < 1.0 else
// jnp.minimum; warmup_cosine_decay_schedule has alpha = 0.0 if peak_value == 0.0.

describe('optax schedules: edges', () => {
  it('hands over to the decay at exactly warmupSteps, where an endValue above the peak already binds', () => {
    const lr = warmupExponentialDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 10, transitionSteps: 10, decayRate: 0.5, endValue: 2e-3 });
    // Step 9, linear_schedule: (0 − 1e-3)·(1 − 9/10) + 1e-3 = 0.0009000000000000001 in float64.
    expect(lr(9)).toBe(0.0009000000000000001);
    // Step 10: exponential_decay at count 0 is peak_value = 1e-3, then jnp.maximum(1e-3, 2e-3).
    expect(lr(10)).toBe(2e-3);
  });

  it('holds a zero peak at 0 through the cosine whatever endValue is (optax: alpha = 0 when peak_value is 0)', () => {
    const lr = warmupCosineDecay({ initValue: 0, peakValue: 0, warmupSteps: 10, decaySteps: 110, endValue: 1e-3 });
    // cosine_decay_schedule(init_value = 0, alpha = 0): 0 · ((1 − 0)·c + 0) = 0.
    expect([10, 60, 110, 1000].map(lr)).toEqual([0, 0, 0, 0]);
  });

  it('holds a zero peak at 0 through the exponential decay (0 · rate^p)', () => {
    const decaying = warmupExponentialDecay({ initValue: 1e-3, peakValue: 0, warmupSteps: 10, transitionSteps: 10, decayRate: 0.5 });
    expect(decaying(100)).toBe(0);
    // 0 · 2^p is 0 for every p; optax's float64 2^4990 overflows to inf and gives
    // jnp.minimum(0 · inf, 1e-3) = NaN, which a schedule here must not (issue 9: total schedules).
    const growing = warmupExponentialDecay({ initValue: 1e-3, peakValue: 0, warmupSteps: 10, transitionSteps: 1, decayRate: 2, endValue: 1e-3 });
    expect(growing(5000)).toBe(0);
  });

  it('accepts a decayRate of exactly 1 without endValue (optax: peak · 1^p, constant), and then bounds from above', () => {
    const constant = warmupExponentialDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 10, transitionSteps: 10, decayRate: 1 });
    expect(constant(1e6)).toBe(1e-3);
    // decay_rate < 1.0 is false for 1: clip_fn is jnp.minimum, so endValue is a ceiling: min(1e-3, 5e-4).
    const capped = warmupExponentialDecay({ initValue: 0, peakValue: 1e-3, warmupSteps: 10, transitionSteps: 10, decayRate: 1, endValue: 5e-4 });
    expect(capped(10)).toBe(5e-4);
    expect(capped(1e6)).toBe(5e-4);
  });
});
