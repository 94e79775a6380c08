import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geometricCycle, lerp, linearWarmup } from '@anneal/core';

// The definition of SGDR's cycles (Loshchilov & Hutter 2017; TF cosine_decay_restarts docstring,
// torch CosineAnnealingWarmRestarts): walk the cycles, each tMul times longer than the last, to
// the one holding the step. Only for short walks; every sum below is exact in floating point.
function walk(step: number, first: number, tMul: number): { index: number; fraction: number } {
  let start = 0;
  let length = first;
  let index = 0;
  while (step >= start + length) {
    start += length;
    length *= tMul;
    index++;
  }
  return { index, fraction: (step - start) / length };
}

describe('geometricCycle', () => {
  it('finds the cycle and the fraction of it, as walking the cycles does', () => {
    expect(geometricCycle(0, 100, 2)).toEqual({ index: 0, fraction: 0 });
    expect(geometricCycle(50, 100, 2)).toEqual({ index: 0, fraction: 0.5 });
    expect(geometricCycle(300, 100, 2)).toEqual({ index: 2, fraction: 0 });
    expect(geometricCycle(400, 100, 2)).toEqual({ index: 2, fraction: 0.25 });
    expect(geometricCycle(250, 100, 1)).toEqual({ index: 2, fraction: 0.5 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.constantFrom(1, 1.5, 2, 3, 10), fc.integer({ min: 0, max: 100_000 }), (first, tMul, step) => {
        const expected = walk(step, first, tMul);
        const got = geometricCycle(step, first, tMul);
        expect(got.index).toBe(expected.index);
        expect(got.fraction).toBeCloseTo(expected.fraction, 10);
      }),
      { numRuns: 300 },
    );
  });

  it('puts every exact restart step at fraction 0 of its new cycle, where the floored log can land one short (3^5 = 243, 4^25)', () => {
    // torch: int(math.log(243, 3)) is 4; (4^25 − 1)/3 makes log1p(3·t)/log(4) round up one step early.
    expect(geometricCycle(121, 1, 3)).toEqual({ index: 5, fraction: 0 });
    expect(geometricCycle((4 ** 25 - 1) / 3, 1, 4)).toEqual({ index: 25, fraction: 0 });
    expect(geometricCycle((4 ** 25 - 1) / 3 - 1, 1, 4).index).toBe(24);
    expect(geometricCycle(1.5 * 8 + 8, 8, 1.5)).toEqual({ index: 2, fraction: 0 }); // 8 + 12 = 20
  });

  it('says Infinity past the end of shrinking cycles (tMul < 1: they all end by first / (1 − tMul))', () => {
    expect(geometricCycle(125, 100, 0.5)).toEqual({ index: 1, fraction: 0.5 });
    expect(geometricCycle(150, 100, 0.5)).toEqual({ index: 2, fraction: 0 });
    expect(geometricCycle(200, 100, 0.5).index).toBe(Infinity);
    expect(geometricCycle(1e300, 100, 0.5).index).toBe(Infinity);
  });

  it('is total: a finite whole index and a fraction in [0, 1] for extreme steps, lengths and multipliers', () => {
    const extremes = [0, Number.MIN_VALUE, 1, 1e12, 1e300, Number.MAX_VALUE];
    const firsts = [Number.MIN_VALUE, 1e-300, 1, 1e12, Number.MAX_VALUE];
    const multipliers = [1, 1 + 2 ** -52, 1.0000000000000027, 2, 2 ** 53 - 1, 1e300, 1e308, Number.MAX_VALUE];
    for (const step of extremes) {
      for (const first of firsts) {
        for (const tMul of multipliers) {
          const { index, fraction } = geometricCycle(step, first, tMul);
          const where = `step ${step}, first ${first}, tMul ${tMul}: ${index}, ${fraction}`;
          expect(Number.isInteger(index), where).toBe(true);
          expect(fraction >= 0 && fraction <= 1, where).toBe(true);
        }
      }
    }
  });

  it('reuses the record it is given (no allocation per step)', () => {
    const into = { index: 0, fraction: 0 };
    expect(geometricCycle(400, 100, 2, into)).toBe(into);
    expect(into).toEqual({ index: 2, fraction: 0.25 });
  });
});

describe('lerp', () => {
  it('is exact at both ends and linear between', () => {
    expect(lerp(0.1, 0.001, 0)).toBe(0.1);
    expect(lerp(0.1, 0.001, 1)).toBe(0.001);
    expect(lerp(0, 1e-3, 0.25)).toBe(2.5e-4);
    expect(lerp(2, 4, 0.5)).toBe(3);
  });

  it('never rounds outside its ends, not even near 0 or Number.MAX_VALUE', () => {
    expect(lerp(Number.MAX_VALUE, Number.MAX_VALUE, 0.3)).toBe(Number.MAX_VALUE);
    const value = fc.oneof(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), fc.constantFrom(0, Number.MIN_VALUE, Number.MAX_VALUE));
    fc.assert(
      fc.property(value, value, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, f) => {
        const v = lerp(a, b, f);
        expect(v).toBeGreaterThanOrEqual(Math.min(a, b));
        expect(v).toBeLessThanOrEqual(Math.max(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('linearWarmup', () => {
  const after = (t: number) => 1 - t / 100;

  it('ramps from `from` to `to`, then hands the local step to `after` (optax join_schedules)', () => {
    const lr = linearWarmup(0.2, 1, 10, after);
    expect(lr(0)).toBe(0.2);
    expect(lr(5)).toBeCloseTo(0.6, 15);
    expect(lr(10)).toBe(1);
    expect(lr(60)).toBe(0.5);
  });

  it('overlays the first steps of `after` instead of delaying it (timm without warmup_prefix)', () => {
    const lr = linearWarmup(0, 1, 10, after, true);
    expect(lr(5)).toBe(0.5);
    expect(lr(60)).toBe(after(60));
  });

  it('with no warmup steps is `after` itself', () => {
    expect(linearWarmup(0, 1, 0, after)).toBe(after);
  });
});
