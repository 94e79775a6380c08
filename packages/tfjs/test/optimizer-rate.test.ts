import { AnnealError } from '@anneal/core';
import { getLearningRate, setLearningRate } from '@anneal/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from './tf-cpu.js';

beforeAll(useCpu);

// Every optimizer tfjs-core 4.x ships, built with a given rate through its public factory.
const factories: Record<string, (lr: number) => tf.Optimizer> = {
  SGD: (lr) => tf.train.sgd(lr),
  Momentum: (lr) => tf.train.momentum(lr, 0.9),
  Adam: (lr) => tf.train.adam(lr),
  Adamax: (lr) => tf.train.adamax(lr),
  RMSProp: (lr) => tf.train.rmsprop(lr),
  Adagrad: (lr) => tf.train.adagrad(lr),
  Adadelta: (lr) => tf.train.adadelta(lr),
};

/** Runs `steps` updates of `w` under `loss(w)`, returning w's values after each. */
function train(optimizer: tf.Optimizer, w: tf.Variable, steps: number, loss: (w: tf.Variable) => tf.Scalar): number[][] {
  const trace: number[][] = [];
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      optimizer.minimize(() => loss(w));
    });
    trace.push(Array.from(w.dataSync()));
  }
  return trace;
}

// A loss whose gradient changes with w, so stateful optimizers see a real trajectory.
const quadratic = (w: tf.Variable): tf.Scalar => tf.sum(tf.square(tf.sub(w, tf.tensor1d([3, -2, 0.5]))));

describe('setLearningRate / getLearningRate', () => {
  it.each(Object.keys(factories))('%s: getClassName identifies it and the rate round-trips', (name) => {
    const optimizer = factories[name]!(0.1);
    expect(optimizer.getClassName()).toBe(name);
    expect(getLearningRate(optimizer)).toBe(0.1);
    setLearningRate(optimizer, 0.0125);
    expect(getLearningRate(optimizer)).toBe(0.0125);
    setLearningRate(optimizer, 0);
    expect(getLearningRate(optimizer)).toBe(0);
    optimizer.dispose();
  });

  it.each(Object.keys(factories))(
    '%s: an optimizer set to a rate updates exactly like one constructed with it',
    (name) => {
      const reference = factories[name]!(0.01);
      const adjusted = factories[name]!(0.5);
      setLearningRate(adjusted, 0.01);
      const w1 = tf.variable(tf.tensor1d([0, 0, 0]));
      const w2 = tf.variable(tf.tensor1d([0, 0, 0]));
      const expected = train(reference, w1, 5, quadratic);
      const actual = train(adjusted, w2, 5, quadratic);
      // Guard: the trajectory really moves, and differs from the constructed rate's.
      expect(expected[4]![0]).not.toBe(0);
      expect(actual).toEqual(expected);
      for (const t of [reference, adjusted, w1, w2]) t.dispose();
    },
  );

  it.each(Object.keys(factories).filter((name) => name !== 'SGD'))(
    '%s: keeps its accumulated state across a rate change (the next updates match an optimizer that had the new rate all along)',
    (name) => {
      // Loss w·c_t has the gradient c_t whatever w is, so the slot variables (moments,
      // accumulators, Adam's β powers) follow the same gradient sequence at any rate, and
      // the update after a change depends only on them and the new rate.
      const gradients = [
        [1, -2, 0.5],
        [3, 0.5, -1],
        [-0.5, 2, 4],
        [2, -1, 0.25],
        [-3, 1.5, 1],
      ].map((g) => tf.tensor1d(g));
      /** Deltas of the updates from `from` on, over `sequence`, calling `change` before update 3. */
      const run = (optimizer: tf.Optimizer, sequence: tf.Tensor1D[], from: number, change?: () => void): number[][] => {
        const w = tf.variable(tf.zeros([3]));
        const deltas: number[][] = [];
        sequence.forEach((c, t) => {
          if (t === 3) change?.();
          const before = Array.from(w.dataSync());
          tf.tidy(() => {
            optimizer.minimize(() => tf.sum(tf.mul(w, c)));
          });
          if (t >= from) deltas.push(Array.from(w.dataSync(), (v, i) => v - before[i]!));
        });
        w.dispose();
        optimizer.dispose();
        return deltas;
      };
      const changed = factories[name]!(0.5);
      const actual = run(changed, gradients, 3, () => setLearningRate(changed, 0.01));
      const expected = run(factories[name]!(0.01), gradients, 3);
      // What a fresh optimizer (state lost) would do on the last two updates instead.
      const lost = run(factories[name]!(0.01), gradients.slice(3), 0);
      // Relative: Adadelta's first updates are ~1e-6. float32 leaves ~1e-6 relative error.
      const relativeError = (rows: number[][]) =>
        Math.max(...rows.flatMap((row, t) => row.map((v, i) => Math.abs(v / expected[t]![i]! - 1))));
      expect(relativeError(actual)).toBeLessThan(1e-3);
      // Guard: the state does change these updates. Not for Adadelta: from zero accumulators
      // its update √(A+ε)/√(G+ε)·g stays g (A and G grow alike), so its state never shows.
      if (name !== 'Adadelta') expect(relativeError(lost)).toBeGreaterThan(1e-2);
      tf.dispose(gradients);
    },
  );

  it('SGD: the weight delta is -lr·gradient before and after a rate change', () => {
    // Loss w·c has the constant gradient c, so SGD moves w by exactly -lr·c per step.
    const c = tf.tensor1d([1, -2, 4]);
    const w = tf.variable(tf.zeros([3]));
    const optimizer = tf.train.sgd(0.1);
    const linear = (v: tf.Variable): tf.Scalar => tf.sum(tf.mul(v, c));
    const before = train(optimizer, w, 2, linear);
    setLearningRate(optimizer, 0.01);
    const after = train(optimizer, w, 2, linear);
    const delta = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);
    expect(delta(before[1]!, before[0]!).map((d) => d / 0.1)).toEqual([-1, 2, -4].map((x) => expect.closeTo(x, 5)));
    expect(delta(after[0]!, before[1]!).map((d) => d / 0.01)).toEqual([-1, 2, -4].map((x) => expect.closeTo(x, 4)));
    expect(delta(after[1]!, after[0]!).map((d) => d / 0.01)).toEqual([-1, 2, -4].map((x) => expect.closeTo(x, 4)));
    for (const t of [c, w, optimizer]) t.dispose();
  });

  it('Adam: the step after a rate change is lr·sign(gradient) with the moments kept', () => {
    // With a constant gradient c, Adam's bias-corrected moments are m̂ = c and v̂ = c²
    // at every step (tfjs adam_optimizer.ts), so each update is lr·c/(|c|+ε) ≈ lr·sign(c).
    // Were the optimizer replaced, this would still hold, so also check its step count.
    const c = tf.tensor1d([0.5, -3]);
    const w = tf.variable(tf.zeros([2]));
    const optimizer = tf.train.adam(0.1);
    const linear = (v: tf.Variable): tf.Scalar => tf.sum(tf.mul(v, c));
    const before = train(optimizer, w, 3, linear);
    setLearningRate(optimizer, 0.001);
    const after = train(optimizer, w, 1, linear);
    expect(before[2]![0]! - before[1]![0]!).toBeCloseTo(-0.1, 5);
    expect(after[0]![0]! - before[2]![0]!).toBeCloseTo(-0.001, 5);
    expect(after[0]![1]! - before[2]![1]!).toBeCloseTo(0.001, 5);
    expect(optimizer.iterations).toBe(4);
    for (const t of [c, w, optimizer]) t.dispose();
  });

  it.each(Object.keys(factories))('%s: changing the rate 50 times leaves the tensor count as it was', (name) => {
    // SGD and Momentum rebuild their cached scalar: the old one must be disposed.
    const optimizer = factories[name]!(0.1);
    const before = tf.memory().numTensors;
    for (let i = 1; i <= 50; i++) setLearningRate(optimizer, 0.1 / i);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
  });

  it('rejects a negative or non-finite rate and a non-optimizer with INVALID_OPTIONS', () => {
    const optimizer = tf.train.adam(0.1);
    expect(() => setLearningRate(optimizer, -1)).toThrow('Invalid learning rate: lr: must be a finite number >= 0 (got -1)');
    expect(() => setLearningRate(optimizer, Number.NaN)).toThrow(AnnealError);
    expect(getLearningRate(optimizer)).toBe(0.1);
    expect(() => getLearningRate({} as tf.Optimizer)).toThrow('Invalid optimizer: optimizer: must be a tfjs Optimizer (tf.train.adam(), model.optimizer) (got {})');
  });

  it('names the supported optimizers when it meets one it cannot set', () => {
    const odd = { getClassName: () => 'Lion', learningRate: 0.1 } as unknown as tf.Optimizer;
    expect(() => setLearningRate(odd, 0.01)).toThrow(
      /^Invalid optimizer: optimizer\.getClassName\(\): must be one of SGD, Momentum, Adam, .* \(got "Lion"\)$/,
    );
    const custom = { getClassName: () => 'Mine', learningRate: 0.1, setLearningRate(lr: number) { this.learningRate = lr; } };
    setLearningRate(custom as unknown as tf.Optimizer, 0.02);
    expect(custom.learningRate).toBe(0.02);
  });
});
