import { annealCallback, annealOptimizer, getLearningRate } from '@anneal/tfjs';
import { createMonitor } from '@anneal/monitor';
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
    expect(() => annealOptimizer({} as tf.Optimizer, config)).toThrow(/^Invalid optimizer: optimizer: must be a tfjs Optimizer/);
  });

  it('refuses a bad or misspelt option by its name, as the user called it', () => {
    expect(() => annealOptimizer(tf.train.sgd(1), config, { interval: 'step' as never })).toThrow(
      'Invalid annealOptimizer options: interval: must be "batch" or "epoch" (got "step")',
    );
    expect(() => annealOptimizer(tf.train.sgd(1), config, { restor: {} } as never)).toThrow(
      'Invalid annealOptimizer options: restor: is not a known option; did you mean "restore"? (got {})',
    );
  });
});

describe('annealOptimizer on the loop scheduler', () => {
  it('counts the epoch once the observation is committed, even when a monitor listener throws (issue 9)', () => {
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 0, factor: 0.5 }] });
    monitor.on('drop', () => {
      throw new Error('drop handler failed');
    });
    const optimizer = tf.train.sgd(1);
    const trainer = annealOptimizer(optimizer, monitor);
    trainer.report({ val_loss: 1 });
    expect(() => trainer.report({ val_loss: 2 })).toThrow('drop handler failed');
    expect(trainer.epoch).toBe(2);
    expect(getLearningRate(optimizer)).toBe(0.05); // the drop reached the optimizer
  });

  it('validates the report epoch as the loop scheduler does (the drift between adapters is gone)', () => {
    const trainer = annealOptimizer(tf.train.sgd(1), config);
    expect(() => trainer.report({ val_loss: 1 }, { epoch: 1.5 })).toThrow(/epoch: must be an integer >= 0 \(got 1.5\)/);
  });

  it('starts from the optimizer’s rate when the config names none', () => {
    const optimizer = tf.train.adam(0.003);
    const trainer = annealOptimizer(optimizer, { metric: 'val_loss' });
    expect(trainer.lr).toBe(0.003);
    expect(trainer.snapshot().baseLearningRate).toBe(0.003);
  });
});
