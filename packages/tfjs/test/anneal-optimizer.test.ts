import { annealCallback, annealOptimizer, getLearningRate } from '@anneal/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from './tf-cpu.js';

beforeAll(useCpu);

// TensorFlow learning_rate_decay.py exponential_decay, staircase:
//   lr(t) = 0.2 · 0.5^floor(t / 3)
const config = {
  schedule: { kind: 'exponentialDecay', initialLearningRate: 0.2, decaySteps: 3, decayRate: 0.5, staircase: true },
  metric: 'val_loss',
  rules: [{ kind: 'earlyStop', patience: 2 }],
} as const;
const rateAt = (t: number) => 0.2 * 0.5 ** Math.floor(t / 3);

describe('annealOptimizer (custom loops)', () => {
  it('minimize() applies the rate of each global step: SGD moves w by lr·gradient', () => {
    // Loss w·c has the constant gradient c = 2: each step moves w by −2·lr(t).
    const w = tf.variable(tf.scalar(0));
    const trainer = annealOptimizer(tf.train.sgd(1), config);
    const deltas: number[] = [];
    for (let t = 0; t < 7; t++) {
      const before = w.dataSync()[0]!;
      tf.tidy(() => {
        trainer.minimize(() => tf.mul(w, 2) as tf.Scalar);
      });
      deltas.push(w.dataSync()[0]! - before);
    }
    deltas.forEach((delta, t) => expect(delta).toBeCloseTo(-2 * rateAt(t), 6));
    expect(trainer.globalStep).toBe(7);
    expect(trainer.lr).toBe(rateAt(7));
    w.dispose();
    trainer.optimizer.dispose();
  });

  it('applyGradients() applies the rate too, and keeps the optimizer (and its step count)', () => {
    const w = tf.variable(tf.scalar(0), true, 'w-apply');
    const optimizer = tf.train.adam(1);
    const trainer = annealOptimizer(optimizer, config);
    for (let t = 0; t < 4; t++) {
      tf.tidy(() => trainer.applyGradients({ 'w-apply': tf.scalar(1) }));
    }
    expect(trainer.optimizer).toBe(optimizer);
    expect(optimizer.iterations).toBe(4);
    expect(getLearningRate(optimizer)).toBe(rateAt(3));
    // Adam with a constant gradient moves by lr(t) each step (m̂ = g, v̂ = g²).
    expect(w.dataSync()[0]).toBeCloseTo(-(rateAt(0) * 3 + rateAt(3)), 4); // float32
    w.dispose();
    optimizer.dispose();
  });

  it('report() observes at the global step, and a stop decision sets shouldStop', () => {
    const trainer = annealOptimizer(tf.train.sgd(0.1), config);
    const w = tf.variable(tf.scalar(0));
    const types: string[][] = [];
    for (const loss of [1, 1, 1]) {
      tf.tidy(() => {
        trainer.minimize(() => tf.mul(w, 1) as tf.Scalar);
      });
      types.push(trainer.report({ val_loss: loss }).map((d) => d.type));
    }
    expect(types).toEqual([['improve'], ['badEvaluation'], ['badEvaluation', 'stop']]);
    expect(trainer.shouldStop).toBe(true);
    expect(trainer.monitor.state.step).toBe(3);
    expect(trainer.epoch).toBe(3);
    w.dispose();
  });

  it('shares its snapshot format with the callback', () => {
    const trainer = annealOptimizer(tf.train.sgd(0.1), config);
    const w = tf.variable(tf.scalar(0));
    for (let t = 0; t < 5; t++) {
      tf.tidy(() => {
        trainer.minimize(() => tf.mul(w, 1) as tf.Scalar);
      });
    }
    trainer.report({ val_loss: 1 });
    const callback = annealCallback(config, { restore: JSON.parse(JSON.stringify(trainer.snapshot())) });
    expect(callback.globalStep).toBe(5);
    expect(callback.lr).toBe(rateAt(5));
    w.dispose();
  });

  it('refuses something that is not an optimizer before training starts', () => {
    expect(() => annealOptimizer({} as tf.Optimizer, config)).toThrow(/expected a tfjs Optimizer/);
  });
});
