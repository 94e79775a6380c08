import { describe, expect, it } from 'vitest';
import { normalAt, uniformAt } from '@anneal/core';

describe('counter-based noise', () => {
  it('is a pure function of (seed, step): same value in any order', () => {
    const forward = Array.from({ length: 100 }, (_, t) => normalAt(7, t));
    const backward = Array.from({ length: 100 }, (_, i) => normalAt(7, 99 - i)).reverse();
    expect(backward).toEqual(forward);
  });

  it('changes with the seed and with fractional steps', () => {
    expect(normalAt(1, 10)).not.toBe(normalAt(2, 10));
    expect(normalAt(1, 10)).not.toBe(normalAt(1, 10.5));
  });

  it('draws uniforms strictly inside (0, 1) with mean ≈ 1/2', () => {
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let t = 0; t < n; t++) {
      const u = uniformAt(3, t);
      if (!(u > 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    // Standard error of the mean is sqrt(1/12/n) ≈ 9e-4; 5e-3 is > 5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5e-3);
  });

  it('draws normals with mean ≈ 0 and variance ≈ 1, and no lag-1 correlation', () => {
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    let lagged = 0;
    let previous = normalAt(11, 0);
    for (let t = 1; t <= n; t++) {
      const z = normalAt(11, t);
      sum += z;
      squares += z * z;
      lagged += z * previous;
      previous = z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.03);
    expect(Math.abs(lagged / n)).toBeLessThan(0.02);
  });
});
