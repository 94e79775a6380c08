import * as tf from '@tensorflow/tfjs';

/** A 2 → 32 → 32 → 1 MLP with seeded initial weights: the same start for every run. */
export function buildModel(seed: number, learningRate: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 32, activation: 'relu', inputShape: [2], kernelInitializer: init(0) }),
      tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(2) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}
