import { describe, expect, it } from 'vitest';
import {
  constant,
  constantWithWarmup,
  cosineWithHardRestarts,
  cosineWithMinLr,
  cosineWithWarmup,
  fromConfig,
  inverseSqrt,
  linearWithWarmup,
  optaxSchedules,
  polynomialWithWarmup,
  scheduleJsonSchema,
  scheduleKinds,
  timmCosine,
  timmSchedules,
  transformersSchedules,
  warmupCosineDecay,
  warmupExponentialDecay,
  warmupStableDecay,
  type Schedule,
} from '@anneal/core';

// Every kind of this family, its factory, and options that exercise a non-default path.
const kinds: ReadonlyArray<readonly [string, (options: never) => Schedule, Record<string, unknown>]> = [
  ['constant', constant, { initialLearningRate: 3e-4 }],
  ['constantWithWarmup', constantWithWarmup, { initialLearningRate: 1e-3, numWarmupSteps: 100 }],
  ['linearWithWarmup', linearWithWarmup, { initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000 }],
  ['cosineWithWarmup', cosineWithWarmup, { initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000, numCycles: 1.5 }],
  ['cosineWithMinLr', cosineWithMinLr, { initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000, minLr: 1e-5 }],
  ['cosineWithHardRestarts', cosineWithHardRestarts, { initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000, numCycles: 3 }],
  ['polynomialWithWarmup', polynomialWithWarmup, { initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000, power: 2 }],
  ['inverseSqrt', inverseSqrt, { initialLearningRate: 1e-3, numWarmupSteps: 100, timescale: 500 }],
  [
    'warmupStableDecay',
    warmupStableDecay,
    { initialLearningRate: 1e-3, numWarmupSteps: 100, numDecaySteps: 200, numTrainingSteps: 1000, warmupType: 'cosine', decayType: '1-sqrt', minLrRatio: 0.1 },
  ],
  ['warmupCosineDecay', warmupCosineDecay, { initValue: 1e-5, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000, endValue: 1e-5 }],
  [
    'warmupExponentialDecay',
    warmupExponentialDecay,
    { initValue: 0, peakValue: 1e-3, warmupSteps: 100, transitionSteps: 100, decayRate: 0.5, staircase: true, endValue: 1e-5 },
  ],
  [
    'timmCosine',
    timmCosine,
    { initialLearningRate: 0.1, tInitial: 300, lrMin: 1e-4, cycleMul: 2, cycleDecay: 0.5, cycleLimit: 3, warmupT: 20, warmupLrInit: 1e-5, warmupPrefix: true },
  ],
];
const steps = [0, 1, 50, 99.5, 100, 250, 500, 999, 1000, 5000, 1e12];

describe('the Hugging Face, optax and timm kinds as configs', () => {
  it('lists every kind of these families in transformersSchedules, optaxSchedules, timmSchedules and scheduleKinds', () => {
    const names = kinds.map(([kind]) => kind);
    expect([...transformersSchedules, ...optaxSchedules, ...timmSchedules].map((d) => d.kind)).toEqual(names);
    for (const kind of names) expect(scheduleKinds).toContain(kind);
  });

  it.each(kinds)('fromConfig builds %s, equal to its factory at every step', (kind, factory, options) => {
    const fromJson = fromConfig(JSON.parse(JSON.stringify({ kind, ...options })));
    const direct = factory(options as never);
    for (const t of steps) expect(fromJson(t)).toBe(direct(t));
    // The options reach the schedule: it varies over these steps (a constant stays at its rate).
    if (kind === 'constant') expect(fromJson(123)).toBe(3e-4);
    else expect(new Set(steps.map(fromJson)).size).toBeGreaterThan(2);
  });

  it('fills defaults in configs as the factories do (cosineWithWarmup numCycles 0.5, timmCosine cycleLimit 1)', () => {
    const cosine = fromConfig({ kind: 'cosineWithWarmup', initialLearningRate: 1, numWarmupSteps: 0, numTrainingSteps: 100 });
    expect(cosine(50)).toBeCloseTo(0.5, 15);
    expect(cosine(100)).toBe(0);
    const timm = fromConfig({ kind: 'timmCosine', initialLearningRate: 1, tInitial: 100 });
    expect(timm(100)).toBe(0);
  });

  it('nests inside combinators: optax warmup cosine decay after a constant hold', () => {
    const lr = fromConfig({
      kind: 'sequence',
      boundaries: [10],
      schedules: [
        { kind: 'constant', initialLearningRate: 0 },
        { kind: 'warmupCosineDecay', initValue: 0, peakValue: 1, warmupSteps: 10, decaySteps: 110 },
      ],
    });
    expect(lr(5)).toBe(0);
    expect(lr(15)).toBeCloseTo(0.5, 15);
    expect(lr(20)).toBe(1);
  });

  it('publishes every kind in the JSON Schema', () => {
    const text = JSON.stringify(scheduleJsonSchema());
    for (const [kind] of kinds) expect(text).toContain(`"const":"${kind}"`);
  });
});
