// Shared by the torch schedule tests (not a test file itself).
import { expect } from 'vitest';
import { AnnealError, type Schedule } from '@anneal/core';

/** A reference table: [step, torch's learning rate after that many scheduler.step() calls]. */
export type Table = ReadonlyArray<readonly [number, number]>;

/**
 * Agreement with a torch value: 1e-9 relative, plus an absolute floor of 1e-12 × the
 * schedule's peak rate for values that are 0 in exact arithmetic (torch's recursive
 * classes leave ~1e-18 residues there, which no relative tolerance can absorb).
 */
export function expectClose(actual: number, expected: number, peak: number, relative = 1e-9): void {
  const tolerance = relative * Math.abs(expected) + 1e-12 * peak;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

/** Checks a schedule against every row of a torch table. */
export function expectTable(lr: Schedule, table: Table, peak: number, relative?: number): void {
  for (const [step, expected] of table) {
    try {
      expectClose(lr(step), expected, peak, relative);
    } catch (error) {
      throw new Error(`at step ${step}: ${(error as Error).message}`);
    }
  }
}

/** Asserts that `build` throws an AnnealError with this code whose first issue is at `path`. */
export function expectRejected(build: () => unknown, path: string, code = 'INVALID_OPTIONS'): AnnealError {
  let caught: unknown;
  try {
    build();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AnnealError);
  const error = caught as AnnealError;
  expect(error.code).toBe(code);
  expect(error.path).toBe(path);
  expect(error.message).toContain(path);
  return error;
}

/** Values of `lr` at `steps`, for monotonicity checks. */
export const valuesAt = (lr: Schedule, steps: readonly number[]): number[] => steps.map((t) => lr(t));

/** 0, h, 2h, ... up to and including `stop`. */
export function grid(stop: number, h: number): number[] {
  const out: number[] = [];
  for (let i = 0; i * h <= stop; i++) out.push(i * h);
  return out;
}

export function expectNonIncreasing(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) <= (values[i - 1] as number))) {
      expect.fail(`value ${i} (${values[i]}) rises above value ${i - 1} (${values[i - 1]})`);
    }
  }
}

export function expectNonDecreasing(values: readonly number[]): void {
  expectNonIncreasing(values.map((v) => -v));
}

/**
 * The Python that generated the tables (torch 1.13.1 as packaged by Debian,
 * `torch.__version__ == '1.13.0a0'`, /usr/bin/python3):
 *
 *     import warnings, torch
 *     from torch.optim import SGD
 *     from torch.optim.lr_scheduler import *
 *     warnings.filterwarnings("ignore")
 *
 *     def stepped(make, ks, lr=0.1):
 *         """lr after k calls of scheduler.step(); k = 0 is right after construction."""
 *         opt = SGD([torch.zeros(1, requires_grad=True)], lr=lr)
 *         s = make(opt)
 *         out = {0: s.get_last_lr()[0]}
 *         for k in range(1, max(ks) + 1):
 *             opt.step(); s.step(); out[k] = s.get_last_lr()[0]
 *         return [[k, out[k]] for k in ks]
 *
 *     def at_epoch(make, epochs, lr=0.1):
 *         """CosineAnnealingWarmRestarts.step(epoch): torch's own closed form, any epoch."""
 *         opt = SGD([torch.zeros(1, requires_grad=True)], lr=lr)
 *         s = make(opt)
 *         res = []
 *         for e in epochs:
 *             s.step(e); res.append([e, s.get_last_lr()[0]])
 *         return res
 *
 *     def at_last_epoch(make, ks, lr=0.1):
 *         """For classes whose get_lr is a pure function of last_epoch (CyclicLR)."""
 *         res = []
 *         for k in ks:
 *             opt = SGD([torch.zeros(1, requires_grad=True)], lr=lr)
 *             s = make(opt)
 *             s.last_epoch = k - 1
 *             opt.step(); s.step(); res.append([k, s.get_last_lr()[0]])
 *         return res
 *
 * Each test file names the calls it used; values were printed with repr().
 */
