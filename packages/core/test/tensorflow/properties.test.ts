import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cosineDecay,
  cosineDecayRestarts,
  exponentialDecay,
  inverseTimeDecay,
  linearCosineDecay,
  naturalExpDecay,
  noisyLinearCosineDecay,
  piecewiseConstant,
  polynomialDecay,
  type Schedule,
} from '@anneal/core';

// Property tests over random valid options: every schedule is finite, >= 0, deterministic
// (twice the same step, and a second instance built from the same options, give the same
// value) and within the bounds its TSDoc promises.

const runs = { numRuns: 300 };
const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const rate = real(0, 10);
const decaySteps = fc.oneof(fc.integer({ min: 1, max: 100_000 }), real(1e-3, 1e6));
const step = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  real(0, 1e6),
  real(0, 1e12),
  fc.constantFrom(0, 1, 1e9, 1e12),
);
const steps = fc.array(step, { minLength: 1, maxLength: 20 });
/** Relative slack for bounds that hold in exact arithmetic but may be off by a few ulps in floating point. */
const ulps = 1e-12;

function checkCommon(build: () => Schedule, at: readonly number[], low: number, high: number): void {
  const lr = build();
  const twin = build();
  for (const t of at) {
    const value = lr(t);
    if (!Number.isFinite(value)) throw new Error(`not finite at step ${t}: ${value}`);
    if (!(value >= 0)) throw new Error(`negative at step ${t}: ${value}`);
    if (lr(t) !== value || twin(t) !== value) throw new Error(`not deterministic at step ${t}`);
    // Rounding slack relative to the peak: (lr0 − end) + end, say, may lose a tiny lr0 next to a huge end.
    if (value < low - ulps * high || value > high * (1 + ulps)) {
      throw new Error(`at step ${t}: ${value} outside [${low}, ${high}]`);
    }
  }
}

function checkNonIncreasing(lr: Schedule, at: readonly number[]): void {
  const sorted = [...at].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    const a = lr(sorted[i - 1] as number);
    const b = lr(sorted[i] as number);
    if (b > a * (1 + ulps)) throw new Error(`rose from ${a} at ${sorted[i - 1]} to ${b} at ${sorted[i]}`);
  }
}

describe('TensorFlow/Keras schedules over random valid options', () => {
  it('exponentialDecay with decayRate <= 1: finite, within [0, lr0], non-increasing', () => {
    fc.assert(
      fc.property(rate, decaySteps, real(0, 1), fc.boolean(), steps, (lr0, T, k, staircase, at) => {
        const build = () => exponentialDecay({ initialLearningRate: lr0, decaySteps: T, decayRate: k, staircase });
        checkCommon(build, at, 0, lr0);
        checkNonIncreasing(build(), at);
      }),
      runs,
    );
  });

  it('piecewiseConstant: always one of the values, the one whose interval holds the step', () => {
    const options = fc
      .uniqueArray(real(0, 1e6), { minLength: 1, maxLength: 12 })
      .chain((raw) => {
        const boundaries = [...raw].sort((a, b) => a - b);
        return fc.record({
          boundaries: fc.constant(boundaries),
          values: fc.array(rate, { minLength: boundaries.length + 1, maxLength: boundaries.length + 1 }),
        });
      });
    fc.assert(
      fc.property(options, steps, ({ boundaries, values }, at) => {
        const build = () => piecewiseConstant({ boundaries, values });
        checkCommon(build, at, Math.min(...values), Math.max(...values));
        const lr = build();
        for (const t of at) {
          const index = boundaries.filter((b) => b < t).length; // t <= b keeps the earlier value
          expect(lr(t)).toBe(values[index]);
        }
      }),
      runs,
    );
  });

  it('polynomialDecay: between endLearningRate and initialLearningRate; non-increasing without cycle when end <= initial', () => {
    fc.assert(
      fc.property(rate, decaySteps, rate, real(0, 5), fc.boolean(), steps, (lr0, T, end, power, cycle, at) => {
        const build = () => polynomialDecay({ initialLearningRate: lr0, decaySteps: T, endLearningRate: end, power, cycle });
        checkCommon(build, at, Math.min(lr0, end), Math.max(lr0, end));
        if (!cycle && end <= lr0) checkNonIncreasing(build(), at);
      }),
      runs,
    );
  });

  it('naturalExpDecay and inverseTimeDecay: within [0, lr0], non-increasing', () => {
    fc.assert(
      fc.property(rate, decaySteps, rate, fc.boolean(), steps, (lr0, T, k, staircase, at) => {
        for (const factory of [naturalExpDecay, inverseTimeDecay]) {
          const build = () => factory({ initialLearningRate: lr0, decaySteps: T, decayRate: k, staircase });
          checkCommon(build, at, 0, lr0);
          checkNonIncreasing(build(), at);
        }
      }),
      runs,
    );
  });

  it('cosineDecay: within [alpha · top, max(lr0, warmupTarget)]; non-increasing without warmup', () => {
    const warmup = fc.option(fc.record({ target: rate, steps: real(0, 1e5) }), { nil: undefined });
    fc.assert(
      fc.property(rate, decaySteps, real(0, 1), warmup, steps, (lr0, T, alpha, w, at) => {
        const build = () =>
          cosineDecay({ initialLearningRate: lr0, decaySteps: T, alpha, warmupTarget: w?.target ?? null, warmupSteps: w?.steps ?? 0 });
        const top = w === undefined ? lr0 : w.target;
        checkCommon(build, at, Math.min(lr0, alpha * top), Math.max(lr0, top));
        if (w === undefined) checkNonIncreasing(build(), at);
      }),
      runs,
    );
  });

  it('cosineDecayRestarts: within [alpha · lr0, lr0], and equal to a walk over the periods', () => {
    // The definition: walk the periods (each tMul times longer) to the one holding the step,
    // summing their lengths with Neumaier's compensation so that long walks stay exact to ~1 ulp.
    const walk = (o: { initialLearningRate: number; firstDecaySteps: number; tMul: number; mMul: number; alpha: number }, t: number) => {
      let start = 0;
      let carry = 0;
      let period = o.firstDecaySteps;
      let i = 0;
      while (t >= start + carry + period) {
        const sum = start + period;
        carry += Math.abs(start) >= Math.abs(period) ? start - sum + period : period - sum + start;
        start = sum;
        period *= o.tMul;
        i++;
      }
      const begin = start + carry;
      // Too close to a restart for two float computations of its position to agree: skip.
      const nearRestart = Math.min(t - begin, begin + period - t) <= 1e-9 * Math.max(1, t);
      const f = (t - begin) / period;
      return { nearRestart, value: o.initialLearningRate * ((1 - o.alpha) * o.mMul ** i * 0.5 * (1 + Math.cos(Math.PI * f)) + o.alpha) };
    };
    const options = fc.record({
      initialLearningRate: rate,
      firstDecaySteps: fc.oneof(fc.integer({ min: 1, max: 1000 }), real(0.5, 1000)),
      tMul: fc.oneof(fc.constant(1), real(1, 4)),
      mMul: real(0, 1),
      alpha: real(0, 1),
    });
    fc.assert(
      fc.property(options, steps, fc.array(real(0, 1e5), { maxLength: 20 }), (o, at, near) => {
        checkCommon(() => cosineDecayRestarts(o), at, o.alpha * o.initialLearningRate, o.initialLearningRate);
        const lr = cosineDecayRestarts(o);
        // The walk is affordable over short horizons (tMul 1 at 1e12 would take 1e12 iterations).
        for (const t of near.filter((s) => s / o.firstDecaySteps < 1e4)) {
          const { nearRestart, value } = walk(o, t);
          if (!nearRestart) expect(Math.abs(lr(t) - value)).toBeLessThanOrEqual(1e-9 * o.initialLearningRate + 1e-300);
        }
      }),
      runs,
    );
  });

  it('linearCosineDecay: within [lr0 · beta, lr0 · (1 + alpha + beta)]; non-increasing when numPeriods <= 0.5', () => {
    fc.assert(
      fc.property(rate, decaySteps, real(0, 10), real(0, 2), real(0, 0.1), steps, (lr0, T, periods, alpha, beta, at) => {
        const build = () => linearCosineDecay({ initialLearningRate: lr0, decaySteps: T, numPeriods: periods, alpha, beta });
        checkCommon(build, at, lr0 * beta, lr0 * (1 + alpha + beta));
        if (periods <= 0.5) checkNonIncreasing(build(), at);
      }),
      runs,
    );
  });

  it('noisyLinearCosineDecay: finite, >= 0 and deterministic for any seed, even with huge variance', () => {
    fc.assert(
      fc.property(
        rate,
        decaySteps,
        real(0, 100),
        real(0, 2),
        fc.integer({ min: 0, max: 0xffffffff }),
        steps,
        (lr0, T, variance, varianceDecay, seed, at) => {
          const build = () =>
            noisyLinearCosineDecay({ initialLearningRate: lr0, decaySteps: T, initialVariance: variance, varianceDecay, seed });
          checkCommon(build, at, 0, Number.MAX_VALUE);
        },
      ),
      runs,
    );
  });
});
