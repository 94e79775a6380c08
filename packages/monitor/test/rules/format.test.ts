import { describe, expect, it } from 'vitest';
import { describeBest, formatValue } from '../../src/rules/format.js';

// Survivors of `pnpm mutate rules` in format.ts (docs/benchmarks.md): the rules' reasons only
// ever printed values in the fixed range, so neither end of it was checked. The wording
// (format.ts): four decimals for magnitudes in [1e-3, 1e5) and for 0, scientific notation
// with three decimals outside.
describe('formatValue, the numbers in the rules\' reasons', () => {
  it.each([
    [0.312, '0.3120'],
    [0, '0.0000'],
    [-0.25, '-0.2500'],
    [0.001, '0.0010'], // the lower end is fixed
    [0.00099, '9.900e-4'],
    [1e-5, '1.000e-5'],
    [99999.5, '99999.5000'],
    [1e5, '1.000e+5'], // the upper end is scientific
    [-123456, '-1.235e+5'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [Number.NaN, 'NaN'],
  ])('%d → %s', (x, text) => {
    expect(formatValue(x)).toBe(text);
  });

  it('describeBest says when there is no best yet', () => {
    expect(describeBest(null, null)).toBe('no finite value yet');
    expect(describeBest(2e-6, 40)).toBe('best 2.000e-6 at step 40');
    expect(describeBest(0.5, null)).toBe('best 0.5000 at step ?');
  });
});
