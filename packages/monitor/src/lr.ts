import type { MonitorProgram } from './config.js';
import type { MonitorState } from './state.js';

/** The rate with a given scale: `clamp(scale · base((t − origin) / stretch), minLr, maxLr)`. */
export function lrWithScale(program: MonitorProgram, state: MonitorState, step: number, scale: number): number {
  // Capped: a tiny stretch must not turn a finite step into Infinity (schedules are total on finite steps).
  const local = Math.min(Math.max(0, step - state.origin) / state.stretch, Number.MAX_VALUE);
  const raw = scale * program.base(local);
  return Math.min(Math.max(raw, program.minLr), program.maxLr);
}

/**
 * The learning rate in effect at global `step`:
 * `clamp(scale · base((step − origin) / stretch), minLr, maxLr)`. Allocation-free: call it every batch.
 *
 * @example optimizer.learningRate = lrAt(program, state, step);
 */
export function lrAt(program: MonitorProgram, state: MonitorState, step: number): number {
  return lrWithScale(program, state, step, state.scale);
}
