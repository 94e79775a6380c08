// Shared by the TensorFlow/Keras schedule tests (not a test file itself).
import { expect } from 'vitest';
import { AnnealError, type Schedule } from '@anneal/core';

/**
 * Agreement with a reference value: 1e-9 relative (the issue asks for 1e-6), plus an
 * absolute floor of 1e-13 × the schedule's peak rate for values that are 0 in exact
 * arithmetic, where the reference and anneal may leave different ~1e-17 residues.
 */
export function expectClose(actual: number, expected: number, peak = 1, relative = 1e-9): void {
  const tolerance = relative * Math.abs(expected) + 1e-13 * peak;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

/** Checks a schedule against a reference function at every step, naming the failing step. */
export function expectMatches(lr: Schedule, reference: (step: number) => number, steps: readonly number[], peak = 1): void {
  for (const step of steps) {
    try {
      expectClose(lr(step), reference(step), peak);
    } catch (error) {
      throw new Error(`at step ${step}: ${(error as Error).message}`);
    }
  }
}

/** Asserts that `lr` never increases over `steps` (taken in increasing order). */
export function expectNonIncreasing(lr: Schedule, steps: readonly number[]): void {
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1] as number;
    const b = steps[i] as number;
    if (lr(b) > lr(a)) expect.fail(`lr rose from ${lr(a)} at step ${a} to ${lr(b)} at step ${b}`);
  }
}

/** Steps 0, 1/4, 1/2, ..., up to `stop`, for monotonicity sweeps. */
export function sweep(stop: number, stride = 0.25): number[] {
  return Array.from({ length: Math.floor(stop / stride) + 1 }, (_, i) => i * stride);
}

/** Runs `build`, asserts it throws an AnnealError, and returns the error. */
export function errorOf(build: () => unknown): AnnealError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(AnnealError);
    return error as AnnealError;
  }
  return expect.fail('expected an AnnealError, but nothing was thrown');
}
