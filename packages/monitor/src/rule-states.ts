import type { MonitorState } from './state.js';

/** `states` with entry i replaced, copying `original` the first time (never mutating it). */
export function withRuleState(states: unknown[], original: unknown[], i: number, next: unknown): unknown[] {
  if (next === states[i]) return states;
  let copy = states;
  if (states === original) {
    // A plain loop: slice() on a short array costs more than the copy itself.
    const n = original.length;
    copy = new Array(n);
    for (let j = 0; j < n; j++) copy[j] = original[j];
  }
  copy[i] = next;
  return copy;
}

/**
 * The state after an observation, every field given: one object literal, so every state
 * the reducer returns has the same shape (one hidden class for V8).
 */
export function stateAfter(
  state: MonitorState,
  step: number,
  scale: number,
  origin: number,
  stretch: number,
  restarts: number,
  best: number | null,
  bestStep: number | null,
  sinceImprovement: number,
  stopped: boolean,
  rules: unknown[],
  smoother: MonitorState['smoother'],
): MonitorState {
  return { count: state.count + 1, step, scale, origin, stretch, restarts, best, bestStep, sinceImprovement, stopped, rules, smoother };
}
