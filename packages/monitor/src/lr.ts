import { AnnealError } from '@anneal/core';
import type { MonitorProgram } from './config.js';
import type { MonitorState } from './state.js';

/** The base schedule's step at global `step`: `(t − origin) / stretch`, capped at Number.MAX_VALUE. */
export function localStep(state: MonitorState, step: number): number {
  return Math.min(Math.max(0, step - state.origin) / state.stretch, Number.MAX_VALUE);
}

/**
 * The rate with a given scale: `clamp(scale · base((t − origin) / stretch), floor, maxLr)`,
 * the floor being `minLr` (or, when the program does not lift, the base rate itself if lower).
 * Finite for every state: the local step is capped (a tiny stretch must not turn a finite
 * step into Infinity), an overflowing product saturates at Number.MAX_VALUE before the
 * clamp, and NaN (0 · ∞, or a base that is not finite there) counts as 0.
 */
export function lrWithScale(program: MonitorProgram, state: MonitorState, step: number, scale: number): number {
  const base = program.base(localStep(state, step));
  let raw = scale * base;
  if (!(raw <= Number.MAX_VALUE)) raw = raw > 0 ? Number.MAX_VALUE : 0;
  const floor = program.liftToMinLr || !(base < program.minLr) ? program.minLr : base;
  return Math.min(Math.max(raw, floor), program.maxLr);
}

/**
 * The learning rate in effect at global `step`:
 * `clamp(scale · base((step − origin) / stretch), minLr, maxLr)`. Allocation-free: call it every batch.
 * Throws AnnealError INVALID_STEPS for a step that is negative or not finite.
 *
 * @example optimizer.learningRate = lrAt(program, state, step);
 */
export function lrAt(program: MonitorProgram, state: MonitorState, step: number): number {
  if (typeof step !== 'number' || !(step >= 0 && step <= Number.MAX_VALUE)) throw invalidStep(step);
  return lrWithScale(program, state, step, state.scale);
}

function invalidStep(step: unknown): AnnealError {
  return new AnnealError('INVALID_STEPS', { subject: 'step', issues: [{ path: 'step', value: step, rule: 'must be a finite number >= 0' }] });
}
