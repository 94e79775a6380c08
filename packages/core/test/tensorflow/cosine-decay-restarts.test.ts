import { describe, expect, it } from 'vitest';
import { cosineDecayRestarts } from '@anneal/core';
import { expectClose, expectMatches, expectNonIncreasing, tensorflowTolerance } from '../support.js';

interface Options {
  initialLearningRate: number;
  firstDecaySteps: number;
  tMul: number;
  mMul: number;
  alpha: number;
}

// Reference 1, TensorFlow's own closed form: tensorflow/python/keras/optimizer_v2/learning_rate_schedule.py,
// CosineDecayRestarts.__call__ (same in Keras 3 learning_rate_schedule.py):
//   completed_fraction = step / first_decay_steps
//   if t_mul == 1: i_restart = floor(completed_fraction); completed_fraction -= i_restart
//   else: i_restart = floor(log(1 - completed_fraction * (1 - t_mul)) / log(t_mul))
//         sum_r = (1 - t_mul ** i_restart) / (1 - t_mul)
//         completed_fraction = (completed_fraction - sum_r) / t_mul ** i_restart
//   cosine_decayed = 0.5 * m_mul ** i_restart * (1 + cos(pi * completed_fraction))
//   return initial * ((1 - alpha) * cosine_decayed + alpha)
// Its log/floor can land one period off exactly at a restart, so it is used away from restarts.
function tensorflowReference(o: Options) {
  return (step: number): number => {
    let completed = step / o.firstDecaySteps;
    let i: number;
    if (o.tMul === 1) {
      i = Math.floor(completed);
      completed -= i;
    } else {
      i = Math.floor(Math.log(1 - completed * (1 - o.tMul)) / Math.log(o.tMul));
      const sumR = (1 - o.tMul ** i) / (1 - o.tMul);
      completed = (completed - sumR) / o.tMul ** i;
    }
    const cosineDecayed = 0.5 * o.mMul ** i * (1 + Math.cos(Math.PI * completed));
    return o.initialLearningRate * ((1 - o.alpha) * cosineDecayed + o.alpha);
  };
}

// Reference 2, the definition (SGDR, Loshchilov & Hutter; TF docstring): walk the periods, each
// t_mul times longer than the last, until the one holding `step`; a restart step opens the new period.
function walkingReference(o: Options) {
  return (step: number): number => {
    let start = 0;
    let period = o.firstDecaySteps;
    let i = 0;
    while (step >= start + period) {
      start += period;
      period *= o.tMul;
      i++;
    }
    const fraction = (step - start) / period;
    return o.initialLearningRate * ((1 - o.alpha) * o.mMul ** i * 0.5 * (1 + Math.cos(Math.PI * fraction)) + o.alpha);
  };
}

/**
 * Restart steps s_1, s_2, ... by summing periods. For the options used below every period
 * (first · tMul^i, a dyadic number with few significant bits) and every sum is exact in
 * floating point; the TwoSum error term checks the sums.
 */
function restartSteps(first: number, tMul: number, count: number): number[] {
  const out: number[] = [];
  let start = 0;
  let period = first;
  for (let i = 0; i < count; i++) {
    const sum = start + period;
    const b = sum - start;
    if ((start - (sum - b)) + (period - b) !== 0) throw new Error(`restart ${i + 1} is not exact in floating point`);
    start = sum;
    period *= tMul;
    out.push(start);
  }
  return out;
}

const startOf = (o: Options, i: number) => o.initialLearningRate * ((1 - o.alpha) * o.mMul ** i + o.alpha);

describe('cosineDecayRestarts', () => {
  it('uses TensorFlow defaults tMul 2, mMul 1, alpha 0: restarts at 100, 300, 700', () => {
    const lr = cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 100 });
    expect(lr(0)).toBe(0.1);
    expect(lr(50)).toBeCloseTo(0.05, 16);
    expect(lr(99.999)).toBeLessThan(1e-10);
    expect(lr(100)).toBe(0.1);
    expect(lr(200)).toBeCloseTo(0.05, 16); // halfway through the 200-step second period
    expect(lr(300)).toBe(0.1);
    expect(lr(700)).toBe(0.1);
  });

  it.each([
    { tMul: 1, mMul: 1, alpha: 0 },
    { tMul: 1, mMul: 0.7, alpha: 0.1 },
    { tMul: 2, mMul: 0.5, alpha: 0 },
    { tMul: 1.5, mMul: 0.8, alpha: 0.2 },
    { tMul: 3, mMul: 1, alpha: 0.05 },
  ])('agrees with TensorFlow’s closed form and with the period walk away from restarts: %o', (params) => {
    const o = { initialLearningRate: 0.1, firstDecaySteps: 10, ...params };
    const restarts = restartSteps(10, o.tMul, 8);
    const steps = [0, 0.5, 1, 2.5, 5, 7.25, 9.999, ...restarts.flatMap((s) => [s + 0.5, s + 3, s * 1.1])];
    const lr = cosineDecayRestarts(o);
    expectMatches(lr, tensorflowReference(o), steps, tensorflowTolerance(0.1));
    expectMatches(lr, walkingReference(o), steps, tensorflowTolerance(0.1));
  });

  it.each([
    { tMul: 1, first: 8, count: 200 },
    { tMul: 2, first: 8, count: 45 },
    { tMul: 1.5, first: 8, count: 30 },
    { tMul: 3, first: 1, count: 33 },
    { tMul: 1.25, first: 64, count: 20 },
  ])('returns the new period’s start at every exact restart step (tMul $tMul, $count restarts)', ({ tMul, first, count }) => {
    const o = { initialLearningRate: 1, firstDecaySteps: first, tMul, mMul: 0.9, alpha: 0.1 };
    const lr = cosineDecayRestarts(o);
    restartSteps(first, tMul, count).forEach((s, index) => {
      const i = index + 1;
      try {
        expectClose(lr(s), startOf(o, i), tensorflowTolerance());
        // Just before the restart the previous period is at its floor, alpha (exactly so in the limit).
        expect(lr(s * (1 - 1e-12))).toBeLessThan(o.alpha + 1e-6);
      } catch (error) {
        throw new Error(`restart ${i} at step ${s}: ${(error as Error).message}`);
      }
    });
  });

  it('computes step 1e12 in closed form, for tMul 1, 2 and 1.5', () => {
    const flat = { initialLearningRate: 0.1, firstDecaySteps: 1000, tMul: 1, mMul: 1, alpha: 0.1 };
    // tMul 1: 1e12 / 1000 = 1e9 whole periods, so 1e12 is a restart and 1e12 + 250 a quarter in.
    expectClose(cosineDecayRestarts(flat)(1e12), 0.1, tensorflowTolerance(0.1));
    expectClose(cosineDecayRestarts(flat)(1e12 + 250), 0.1 * (0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)) + 0.1), tensorflowTolerance(0.1));
    for (const tMul of [2, 1.5]) {
      const o = { initialLearningRate: 0.1, firstDecaySteps: 10, tMul, mMul: 0.9, alpha: 0.05 };
      expectMatches(cosineDecayRestarts(o), walkingReference(o), [1e12, 1e12 + 0.5, 3e12, 1e13], tensorflowTolerance(0.1));
    }
  });

  it('stays accurate when tMul is within a few ulps of 1, where (tMul^i − 1) / (tMul − 1) cancels catastrophically', () => {
    // Found by the property test: tMul = 1 + 2.7e-15 makes the periods practically equal (≈ 1 step each).
    const o = { initialLearningRate: 1, firstDecaySteps: 1, tMul: 1.0000000000000027, mMul: 1, alpha: 0 };
    const lr = cosineDecayRestarts(o);
    // Period i starts at sum_{k<i} tMul^k ≈ i + i(i−1)/2 · 2.7e-15: about 1.3e-5 steps past i for i ≈ 98895.
    const i = 98_895;
    const start = i + ((i * (i - 1)) / 2) * (o.tMul - 1);
    for (const offset of [0.25, 0.5, 0.75]) {
      expectClose(lr(start + offset * o.tMul ** i), 0.5 * (1 + Math.cos(Math.PI * offset)), tensorflowTolerance(1, 1e-6));
    }
  });

  it('is as fast at step 1e12 as at step 1 (no loop over periods)', () => {
    const lr = cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 1, tMul: 1 });
    const started = performance.now();
    let sum = 0;
    for (let k = 0; k < 10_000; k++) sum += lr(1e12 + k);
    expect(Number.isFinite(sum)).toBe(true);
    // A loop over 1e12 periods would take hours; a closed form takes microseconds per call.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('accepts mMul > 1 as TensorFlow does: each period starts mMul times higher (TF formula, away from restarts)', () => {
    const o = { initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 2, mMul: 1.5, alpha: 0.1 };
    const lr = cosineDecayRestarts(o);
    const steps = [0, 2.5, 5, ...restartSteps(10, 2, 8).flatMap((s) => [s + 0.5, s * 1.1])];
    expectMatches(lr, tensorflowReference(o), steps, tensorflowTolerance(0.1 * 1.5 ** 8));
    expectMatches(lr, walkingReference(o), steps, tensorflowTolerance(0.1 * 1.5 ** 8));
    restartSteps(10, 2, 8).forEach((s, index) => expectClose(lr(s), startOf(o, index + 1), tensorflowTolerance()));
  });

  it('saturates a growing mMul at Number.MAX_VALUE instead of overflowing to Infinity (capGrowth)', () => {
    const lr = cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 1, tMul: 1, mMul: 10 });
    expectClose(lr(300), 0.1 * 10 ** 300, tensorflowTolerance(0.1 * 10 ** 300));
    expect(lr(400)).toBe(Number.MAX_VALUE);
    expect(lr(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    // 0 stays 0 however far the multiplier has grown (no 0 · ∞).
    expect(cosineDecayRestarts({ initialLearningRate: 0, firstDecaySteps: 1, mMul: 10 })(1e6)).toBe(0);
  });

  it('never increases within a period', () => {
    for (const tMul of [1, 2, 1.5]) {
      const o = { initialLearningRate: 1, firstDecaySteps: 8, tMul, mMul: 0.8, alpha: 0.1 };
      const lr = cosineDecayRestarts(o);
      const [first, second] = restartSteps(8, tMul, 2) as [number, number];
      const within = Array.from({ length: 200 }, (_, k) => first + ((second - first) * k) / 200);
      expectNonIncreasing(lr, within);
    }
  });
});
