import { AnnealError, describeValue } from '@anneal/core';

/**
 * Where the scheduler writes the rate: a function, or any object with a
 * `setLearningRate(lr)` method (an optimizer, a framework's trainer). This is how a
 * third-party framework plugs in: hand over its optimizer, or a two-line wrapper.
 */
export type LrBinding = ((lr: number) => void) | { setLearningRate(lr: number): void };

/** The binding as a setter; throws AnnealError INVALID_OPTIONS for anything else. */
export function toSetter(binding: LrBinding | undefined): ((lr: number) => void) | undefined {
  if (binding === undefined) return undefined;
  if (typeof binding === 'function') return binding;
  if (binding !== null && typeof binding === 'object' && typeof binding.setLearningRate === 'function') {
    return (lr) => binding.setLearningRate(lr);
  }
  throw new AnnealError(
    'INVALID_OPTIONS',
    `Invalid binding: expected a function (lr) => void or an object with setLearningRate(lr) (got ${describeValue(binding)})`,
    [{ path: 'binding', value: binding, rule: 'must be a function or have a setLearningRate method' }],
  );
}
