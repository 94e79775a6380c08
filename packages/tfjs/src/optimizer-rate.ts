import { AnnealError } from '@anneal/core';
import type { Optimizer } from '@tensorflow/tfjs-core';

// How each tfjs optimizer (tfjs-core 4.x, src/optimizers/*_optimizer.ts) uses its rate:
// - SGD and Momentum (a subclass of SGD) multiply by a cached scalar `c = keep(scalar(-lr))`
//   built in `setLearningRate`, so writing the `learningRate` field alone changes nothing;
//   their own `setLearningRate` disposes the old scalar and keeps the new one.
// - Adam, Adamax, RMSProp, Adagrad and Adadelta read the `learningRate` field on every
//   `applyGradients`, and have no `setLearningRate`.
// Either way the optimizer object stays the same, so its moments and accumulators survive.
const cachedScalar = new Set(['SGD', 'Momentum']);
const readEachStep = new Set(['Adam', 'Adamax', 'RMSProp', 'Adagrad', 'Adadelta']);

/** The class names `setLearningRate` and `getLearningRate` know. */
export const supportedOptimizers: readonly string[] = [...cachedScalar, ...readEachStep];

interface WithRate {
  learningRate: number;
  setLearningRate?: (lr: number) => void;
}

function className(optimizer: Optimizer): string {
  if (optimizer === null || typeof optimizer !== 'object' || typeof optimizer.getClassName !== 'function') {
    const rule = 'must be a tfjs Optimizer (tf.train.adam(), model.optimizer)';
    throw new AnnealError('INVALID_OPTIONS', { subject: 'optimizer', issues: [{ path: 'optimizer', value: optimizer, rule }] });
  }
  return optimizer.getClassName();
}

function unsupported(name: string): AnnealError {
  const rule =
    `must be one of ${supportedOptimizers.join(', ')}, the optimizers whose rate anneal can set ` +
    '(a custom optimizer needs a setLearningRate(lr) method)';
  return new AnnealError('INVALID_OPTIONS', { subject: 'optimizer', issues: [{ path: 'optimizer.getClassName()', value: name, rule }] });
}

/**
 * The learning rate a tfjs optimizer will use on its next step.
 *
 * @example
 * getLearningRate(tf.train.adam(1e-3)); // 0.001
 */
export function getLearningRate(optimizer: Optimizer): number {
  const name = className(optimizer);
  const value = (optimizer as unknown as WithRate).learningRate;
  if (typeof value !== 'number') throw unsupported(name);
  return value;
}

/**
 * Sets the learning rate of a tfjs optimizer in place, for every built-in optimizer
 * (`SGD`, `Momentum`, `Adam`, `Adamax`, `RMSProp`, `Adagrad`, `Adadelta`, identified by
 * `getClassName()`); a custom optimizer with a `setLearningRate(lr)` method works too.
 * The optimizer is never replaced, so Adam's moments and the like are kept. Setting the
 * rate it already has is free (SGD would otherwise allocate a new scalar every batch).
 *
 * @example
 * const optimizer = tf.train.sgd(0.1);
 * setLearningRate(optimizer, 0.01); // the next step moves weights by 0.01 · gradient
 */
export function setLearningRate(optimizer: Optimizer, lr: number): void {
  const name = className(optimizer);
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
    throw new AnnealError('INVALID_OPTIONS', { subject: 'learning rate', issues: [{ path: 'lr', value: lr, rule: 'must be a finite number >= 0' }] });
  }
  const target = optimizer as unknown as WithRate;
  if (target.learningRate === lr) return;
  if (cachedScalar.has(name) || (!readEachStep.has(name) && typeof target.setLearningRate === 'function')) {
    (target.setLearningRate as (lr: number) => void).call(optimizer, lr);
  } else if (readEachStep.has(name)) {
    target.learningRate = lr;
  } else {
    throw unsupported(name);
  }
}
