import { AnnealError } from '@anneal/core';

/**
 * Where the scheduler writes the rate: a function, or any object with a
 * `setLearningRate(lr)` method (an optimizer, a framework's trainer) and, optionally,
 * `getLearningRate()`, which a config without a rate takes its base rate from (as
 * Keras's and PyTorch's schedulers start from the optimizer's rate). This is how a
 * third-party framework plugs in: hand over its optimizer, or a two-line wrapper.
 */
export type LrBinding =
  | ((lr: number) => void)
  | { setLearningRate(lr: number): void; getLearningRate?(): number };

/** A binding checked and split into its setter and (optional) getter. */
export interface Binding {
  readonly set: ((lr: number) => void) | undefined;
  readonly get: (() => number) | undefined;
}

/** Checks a binding; throws AnnealError INVALID_OPTIONS for anything that is not one. */
export function toBinding(binding: LrBinding | undefined): Binding {
  if (binding === undefined) return { set: undefined, get: undefined };
  if (typeof binding === 'function') return { set: binding, get: undefined };
  if (binding !== null && typeof binding === 'object' && typeof binding.setLearningRate === 'function') {
    const get = binding.getLearningRate;
    if (get !== undefined && typeof get !== 'function') {
      throw invalid('binding.getLearningRate', get, 'must be a function () => number when present');
    }
    return { set: (lr) => binding.setLearningRate(lr), get: get === undefined ? undefined : () => get.call(binding) };
  }
  throw invalid('binding', binding, 'must be a function (lr) => void or an object with a setLearningRate(lr) method');
}

/** The binding's current rate, checked: a finite number >= 0. */
export function readRate(get: () => number): number {
  const value = get();
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid('binding.getLearningRate()', value, 'must return a finite number >= 0');
  }
  return value;
}

function invalid(path: string, value: unknown, rule: string): AnnealError {
  return new AnnealError('INVALID_OPTIONS', { subject: 'binding', issues: [{ path, value, rule }] });
}
