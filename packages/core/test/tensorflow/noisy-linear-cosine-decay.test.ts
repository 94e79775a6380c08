import { describe, expect, it } from 'vitest';
import { linearCosineDecay, noisyLinearCosineDecay, normalAt } from '@anneal/core';
import { expectClose, expectMatches, tensorflowTolerance } from '../support.js';

interface Options {
  initialLearningRate: number;
  decaySteps: number;
  initialVariance: number;
  varianceDecay: number;
  numPeriods: number;
  alpha: number;
  beta: number;
  seed: number;
}

// Reference: TF tensorflow/python/keras/optimizer_v2/learning_rate_schedule.py, NoisyLinearCosineDecay.__call__
// (tf.compat.v1.train.noisy_linear_cosine_decay):
//   step = min(step, decay_steps)
//   linear_decayed = (decay_steps - step) / decay_steps
//   variance = initial_variance / (1.0 + step) ** variance_decay
//   noisy_linear_decayed = linear_decayed + random_normal(stddev=sqrt(variance))
//   fraction = 2.0 * num_periods * (step / decay_steps)
//   cosine_decayed = 0.5 * (1.0 + cos(pi * fraction))
//   return initial * ((alpha + noisy_linear_decayed) * cosine_decayed + beta)
// TF draws random_normal anew on every call; anneal's documented draw is normalAt(seed, step),
// so the reference takes its standard normal from there. Returns TF's raw value (possibly < 0).
function tensorflowRaw(o: Options) {
  return (step: number): number => {
    const t = Math.min(step, o.decaySteps);
    const linearDecayed = (o.decaySteps - t) / o.decaySteps;
    const variance = o.initialVariance / (1 + t) ** o.varianceDecay;
    const noisyLinearDecayed = linearDecayed + Math.sqrt(variance) * normalAt(o.seed, step);
    const fraction = 2 * o.numPeriods * (t / o.decaySteps);
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * fraction));
    return o.initialLearningRate * ((o.alpha + noisyLinearDecayed) * cosineDecayed + o.beta);
  };
}

const defaults = { initialVariance: 1, varianceDecay: 0.55, numPeriods: 0.5, alpha: 0, beta: 0.001, seed: 0 };

describe('noisyLinearCosineDecay', () => {
  it('matches the TensorFlow formula (with the documented normalAt draw) wherever TF’s value is >= 0, and is 0 where TF goes negative', () => {
    const o: Options = { ...defaults, initialLearningRate: 0.1, decaySteps: 1000, seed: 42 };
    const lr = noisyLinearCosineDecay(o);
    const raw = tensorflowRaw(o);
    let negatives = 0;
    for (const step of [...Array.from({ length: 2001 }, (_, k) => k * 0.75), 1e9]) {
      const expected = raw(step);
      if (expected < 0) {
        negatives++;
        expect(lr(step), `step ${step}`).toBe(0);
      } else {
        expectClose(lr(step), expected, tensorflowTolerance(0.1));
      }
    }
    // With the defaults (variance 1 at step 0) TF goes negative often early on: the clamp is exercised.
    expect(negatives).toBeGreaterThan(10);
  });

  it('equals linearCosineDecay when initialVariance is 0', () => {
    const common = { initialLearningRate: 0.1, decaySteps: 500, numPeriods: 1.5, alpha: 0.1, beta: 0.01 };
    const linear = linearCosineDecay(common);
    const noiseless = noisyLinearCosineDecay({ ...common, initialVariance: 0, seed: 9 });
    expectMatches(noiseless, linear, [0, 0.5, 100, 250, 499, 500, 1e9], tensorflowTolerance(0.1));
  });

  it('is exactly initialLearningRate · beta from decaySteps on with numPeriods 0.5 (the cosine factor is 0 there)', () => {
    const lr = noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 100, seed: 3 });
    for (const step of [100, 100.5, 101, 5000, 1e9]) expect(lr(step)).toBeCloseTo(0.1 * 0.001, 17);
  });

  it('keeps drawing fresh noise past decaySteps, as TensorFlow draws on every call (step clamped, draw not)', () => {
    // numPeriods 1: the cosine factor is back at 1 at the end, so the noise still shows there.
    const o: Options = { ...defaults, initialLearningRate: 1, decaySteps: 100, numPeriods: 1, alpha: 5, seed: 8 };
    const lr = noisyLinearCosineDecay(o);
    const late = [100, 101, 102, 150, 1e6, 1e9];
    expectMatches(lr, tensorflowRaw(o), late, tensorflowTolerance());
    expect(new Set(late.map(lr)).size).toBe(late.length);
  });

  it('is a pure function of (seed, step): same value twice, across instances and in any order', () => {
    const options = { initialLearningRate: 0.1, decaySteps: 1000, seed: 1234 };
    const steps = Array.from({ length: 500 }, (_, k) => k * 1.5);
    const a = noisyLinearCosineDecay(options);
    const forward = steps.map(a);
    const again = steps.map(a);
    const b = noisyLinearCosineDecay(options);
    const backward = [...steps].reverse().map(b).reverse();
    const shuffled = new Map<number, number>();
    for (const k of [7, 3, 499, 0, 250, 1, 498]) shuffled.set(k, b(steps[k] as number));
    expect(again).toEqual(forward);
    expect(backward).toEqual(forward);
    for (const [k, value] of shuffled) expect(value).toBe(forward[k]);
  });

  it('changes with the seed', () => {
    const lr1 = noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, seed: 1 });
    const lr2 = noisyLinearCosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, seed: 2 });
    const differing = Array.from({ length: 100 }, (_, k) => k).filter((k) => lr1(k) !== lr2(k));
    expect(differing.length).toBeGreaterThan(90);
  });

  it('draws noise with mean 0 and variance initialVariance / (1 + t)^varianceDecay (statistics over 200000 steps)', () => {
    // numPeriods 0 makes the cosine factor 1 and alpha 50 keeps TF's value far from the clamp,
    // so eps_t = lr/lr0 − alpha − linear − beta can be read back exactly.
    const o = { initialLearningRate: 1, decaySteps: 1e7, initialVariance: 4, varianceDecay: 0.55, numPeriods: 0, alpha: 50, beta: 0, seed: 77 };
    const lr = noisyLinearCosineDecay(o);
    const n = 200_000;
    let sumZ = 0;
    let sumZ2 = 0;
    let sumEps2Early = 0;
    let expectedEarly = 0;
    for (let t = 0; t < n; t++) {
      const linear = (o.decaySteps - t) / o.decaySteps;
      const eps = lr(t) - o.alpha - linear;
      const variance = o.initialVariance / (1 + t) ** o.varianceDecay;
      const z = eps / Math.sqrt(variance);
      sumZ += z;
      sumZ2 += z * z;
      if (t < 1000) {
        sumEps2Early += eps * eps;
        expectedEarly += variance;
      }
    }
    // Standardised noise: standard error of the mean ≈ 1/√n ≈ 0.0022, of the variance ≈ √(2/n) ≈ 0.0032.
    expect(Math.abs(sumZ / n)).toBeLessThan(0.015);
    expect(Math.abs(sumZ2 / n - 1)).toBeLessThan(0.02);
    // Early steps, where the variance is large and falling: E[eps²] follows the schedule within 15%
    // (a stddev/variance mix-up would be off by a factor of up to 4 here).
    expect(sumEps2Early / expectedEarly).toBeGreaterThan(0.85);
    expect(sumEps2Early / expectedEarly).toBeLessThan(1.15);
  });
});
