import { expect } from 'vitest';
import { AnnealError } from '@anneal/core';

/** `actual` agrees with `expected` to `rel` relative (plus a tiny absolute floor for zeros). */
export function expectClose(actual: number, expected: number, rel = 1e-12, abs = 1e-18): void {
  const tolerance = rel * Math.abs(expected) + abs;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

/** Checks a whole `[step, expected]` table, naming the failing step. */
export function expectTable(lr: (step: number) => number, table: ReadonlyArray<readonly [number, number]>, rel = 1e-12) {
  for (const [step, expected] of table) {
    const actual = lr(step);
    const tolerance = rel * Math.abs(expected) + 1e-18;
    if (!(Math.abs(actual - expected) <= tolerance)) {
      expect.fail(`at step ${step}: expected ${expected}, got ${actual}`);
    }
  }
}

/** Runs `build`, which must throw an AnnealError, and returns it. */
export function annealError(build: () => unknown): AnnealError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(AnnealError);
    return error as AnnealError;
  }
  return expect.fail('expected an AnnealError, nothing was thrown');
}

/** Values on a grid of steps, for monotonicity checks. */
export function grid(lr: (step: number) => number, from: number, to: number, stride: number): number[] {
  const values: number[] = [];
  for (let step = from; step <= to; step += stride) values.push(lr(step));
  return values;
}

export function isNonIncreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v <= (values[i - 1] as number));
}

export function isNonDecreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v >= (values[i - 1] as number));
}
