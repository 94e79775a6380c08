import { describe, expect, it } from 'vitest';
import {
  cosineDecay,
  cosineDecayRestarts,
  exponentialDecay,
  fromConfig,
  inverseTimeDecay,
  linearCosineDecay,
  naturalExpDecay,
  noisyLinearCosineDecay,
  piecewiseConstant,
  polynomialDecay,
  scheduleJsonSchema,
  scheduleKinds,
  tensorflowSchedules,
  type Schedule,
  type ScheduleConfigInput,
} from '@anneal/core';

// Every TF/Keras kind builds from its declarative form, to the same function as its factory.
const configs: Array<[Record<string, unknown>, (options: never) => Schedule]> = [
  [{ kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true }, exponentialDecay],
  [{ kind: 'piecewiseConstant', boundaries: [100, 200], values: [0.1, 0.01, 0.001] }, piecewiseConstant],
  [{ kind: 'polynomialDecay', initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01, power: 2, cycle: true }, polynomialDecay],
  [{ kind: 'naturalExpDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5, staircase: false }, naturalExpDecay],
  [{ kind: 'inverseTimeDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5, staircase: true }, inverseTimeDecay],
  [{ kind: 'cosineDecay', initialLearningRate: 0, decaySteps: 100, alpha: 0.1, warmupTarget: 0.1, warmupSteps: 20 }, cosineDecay],
  [{ kind: 'cosineDecayRestarts', initialLearningRate: 0.1, firstDecaySteps: 30, tMul: 1.5, mMul: 0.9, alpha: 0.01 }, cosineDecayRestarts],
  [{ kind: 'linearCosineDecay', initialLearningRate: 0.1, decaySteps: 100, numPeriods: 2, alpha: 0.1, beta: 0.01 }, linearCosineDecay],
  [{ kind: 'noisyLinearCosineDecay', initialLearningRate: 0.1, decaySteps: 100, initialVariance: 0.5, seed: 11 }, noisyLinearCosineDecay],
];

const steps = [0, 1, 19.5, 20, 30, 75, 100, 150, 250, 1e9];

describe('TensorFlow/Keras kinds in declarative form', () => {
  it('lists every TF/Keras definition in tensorflowSchedules and scheduleKinds', () => {
    const kinds = configs.map(([config]) => config.kind);
    expect(tensorflowSchedules.map((definition) => definition.kind).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) expect(scheduleKinds).toContain(kind);
  });

  it.each(configs)('fromConfig builds %o to the same values as its factory', (config, factory) => {
    const { kind: _kind, ...options } = config;
    const viaConfig = fromConfig(config as ScheduleConfigInput);
    const viaFactory = factory(options as never);
    for (const t of steps) expect(viaConfig(t), `step ${t}`).toBe(viaFactory(t));
  });

  it('fills TensorFlow defaults in the declarative form too', () => {
    expect(fromConfig({ kind: 'polynomialDecay', initialLearningRate: 1, decaySteps: 10 })(10)).toBeCloseTo(0.0001, 16);
    expect(fromConfig({ kind: 'linearCosineDecay', initialLearningRate: 1, decaySteps: 10 })(0)).toBeCloseTo(1.001, 15);
    expect(fromConfig({ kind: 'cosineDecayRestarts', initialLearningRate: 1, firstDecaySteps: 10 })(30)).toBe(1); // tMul 2
    expect(fromConfig({ kind: 'cosineDecay', initialLearningRate: 1, decaySteps: 10, warmupTarget: null })(5)).toBeCloseTo(0.5, 15);
  });

  it('publishes every TF/Keras kind in the JSON Schema', () => {
    const text = JSON.stringify(scheduleJsonSchema());
    for (const [config] of configs) expect(text).toContain(`"${config.kind as string}"`);
    expect(text).toContain('"warmupTarget"');
    expect(text).toContain('"tMul"');
  });
});
