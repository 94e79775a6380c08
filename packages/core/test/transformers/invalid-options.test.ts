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
  polynomialWithWarmup,
  timmCosine,
  warmupCosineDecay,
  warmupExponentialDecay,
  warmupStableDecay,
} from '@anneal/core';
import { expectRejected } from '../support.js';

// Each case: a builder that must refuse, and the field its error must name.
type Case = readonly [name: string, build: () => unknown, path: string];

const hf = { initialLearningRate: 1e-3, numWarmupSteps: 100, numTrainingSteps: 1000 };
const wsd = { initialLearningRate: 1e-3, numWarmupSteps: 100, numDecaySteps: 100 };
const optaxCosine = { initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000 };
const optaxExponential = { initValue: 0, peakValue: 1e-3, warmupSteps: 100, transitionSteps: 1000, decayRate: 0.5 };
const timm = { initialLearningRate: 0.1, tInitial: 100 };

const cases: Case[] = [
  // a rate below 0, NaN or infinite
  ['a negative initialLearningRate', () => constant({ initialLearningRate: -1e-3 }), 'initialLearningRate'],
  ['a NaN initialLearningRate', () => linearWithWarmup({ ...hf, initialLearningRate: Number.NaN }), 'initialLearningRate'],
  ['an infinite peakValue', () => warmupCosineDecay({ ...optaxCosine, peakValue: Infinity }), 'peakValue'],
  ['a negative lrMin', () => timmCosine({ ...timm, lrMin: -1 }), 'lrMin'],
  // a step count that is not a whole number >= 0 (or >= 1)
  ['a fractional numWarmupSteps', () => constantWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 10.5 }), 'numWarmupSteps'],
  ['a negative numWarmupSteps', () => cosineWithWarmup({ ...hf, numWarmupSteps: -1 }), 'numWarmupSteps'],
  ['numTrainingSteps 0', () => linearWithWarmup({ ...hf, numWarmupSteps: 0, numTrainingSteps: 0 }), 'numTrainingSteps'],
  ['timescale 0', () => inverseSqrt({ initialLearningRate: 1e-3, numWarmupSteps: 0, timescale: 0 }), 'timescale'],
  ['tInitial 0', () => timmCosine({ ...timm, tInitial: 0 }), 'tInitial'],
  ['a fractional cycleLimit', () => timmCosine({ ...timm, cycleLimit: 1.5 }), 'cycleLimit'],
  ['transitionSteps 0', () => warmupExponentialDecay({ ...optaxExponential, transitionSteps: 0 }), 'transitionSteps'],
  // a missing required field
  ['a missing numTrainingSteps', () => cosineWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 10 } as never), 'numTrainingSteps'],
  // a shape parameter out of range
  ['numCycles 0', () => cosineWithWarmup({ ...hf, numCycles: 0 }), 'numCycles'],
  ['a NaN numCycles', () => cosineWithHardRestarts({ ...hf, numCycles: Number.NaN }), 'numCycles'],
  ['a negative power', () => polynomialWithWarmup({ ...hf, power: -1 }), 'power'],
  ['a negative exponent', () => warmupCosineDecay({ ...optaxCosine, exponent: -1 }), 'exponent'],
  ['cycleMul 0', () => timmCosine({ ...timm, cycleMul: 0 }), 'cycleMul'],
  ['kDecay 0', () => timmCosine({ ...timm, kDecay: 0 }), 'kDecay'],
  ['a negative cycleDecay', () => timmCosine({ ...timm, cycleDecay: -0.5 }), 'cycleDecay'],
  ['decayRate 0', () => warmupExponentialDecay({ ...optaxExponential, decayRate: 0 }), 'decayRate'],
  ['minLrRate above 1', () => cosineWithMinLr({ ...hf, minLrRate: 1.5 }), 'minLrRate'],
  ['minLrRatio above 1', () => warmupStableDecay({ ...wsd, numStableSteps: 10, minLrRatio: 1.5 }), 'minLrRatio'],
  ['an unknown decayType', () => warmupStableDecay({ ...wsd, numStableSteps: 10, decayType: 'sqrt' as never }), 'decayType'],
  ['an unknown warmupType', () => warmupStableDecay({ ...wsd, numStableSteps: 10, warmupType: 'exp' as never }), 'warmupType'],
  // phases that do not fit together
  ['numTrainingSteps below numWarmupSteps', () => linearWithWarmup({ ...hf, numTrainingSteps: 50 }), 'numTrainingSteps'],
  ['numTrainingSteps below numWarmupSteps (cosine)', () => cosineWithWarmup({ ...hf, numTrainingSteps: 50 }), 'numTrainingSteps'],
  ['numTrainingSteps below numWarmupSteps (min lr)', () => cosineWithMinLr({ ...hf, numTrainingSteps: 50, minLrRate: 0.1 }), 'numTrainingSteps'],
  ['numTrainingSteps below numWarmupSteps (restarts)', () => cosineWithHardRestarts({ ...hf, numTrainingSteps: 50 }), 'numTrainingSteps'],
  ['polynomial numTrainingSteps equal to numWarmupSteps', () => polynomialWithWarmup({ ...hf, numTrainingSteps: 100 }), 'numTrainingSteps'],
  ['warmupCosineDecay decaySteps not above warmupSteps', () => warmupCosineDecay({ ...optaxCosine, decaySteps: 100 }), 'decaySteps'],
  ['warmupStableDecay numTrainingSteps shorter than warmup + decay', () => warmupStableDecay({ ...wsd, numTrainingSteps: 150 }), 'numTrainingSteps'],
  // rates that contradict each other
  ['lrEnd not below initialLearningRate', () => polynomialWithWarmup({ ...hf, lrEnd: 1e-3 }), 'lrEnd'],
  ['minLr above initialLearningRate', () => cosineWithMinLr({ ...hf, minLr: 1e-2 }), 'minLr'],
  ['a growing decayRate with no endValue', () => warmupExponentialDecay({ ...optaxExponential, decayRate: 1.5 }), 'decayRate'],
  // exactly one of two alternatives
  ['both minLr and minLrRate', () => cosineWithMinLr({ ...hf, minLr: 1e-4, minLrRate: 0.1 }), 'minLrRate'],
  ['neither minLr nor minLrRate', () => cosineWithMinLr(hf), 'minLr'],
  ['both numStableSteps and numTrainingSteps', () => warmupStableDecay({ ...wsd, numStableSteps: 800, numTrainingSteps: 1000 }), 'numTrainingSteps'],
  ['neither numStableSteps nor numTrainingSteps', () => warmupStableDecay(wsd), 'numStableSteps'],
];

describe('bad options of the Hugging Face, optax and timm schedules', () => {
  it.each(cases)('refuses %s with INVALID_OPTIONS naming the field', (_name, build, path) => {
    expectRejected(build, path);
  });

  it('says the value it got and the rule it broke', () => {
    const error = expectRejected(() => linearWithWarmup({ ...hf, numTrainingSteps: 50 }), 'numTrainingSteps');
    expect(error.message).toMatch(/numTrainingSteps: must be >= numWarmupSteps \(100\) \(got 50\)/);
    const fractional = expectRejected(() => constantWithWarmup({ initialLearningRate: 1e-3, numWarmupSteps: 10.5 }), 'numWarmupSteps');
    expect(fractional.message).toMatch(/numWarmupSteps.*integer.*got 10\.5/);
  });

  it('reports a bad field inside a combinator by its full path, with INVALID_CONFIG', () => {
    const config = {
      kind: 'sequence',
      boundaries: [100],
      schedules: [
        { kind: 'constant', initialLearningRate: 1e-3 },
        { kind: 'warmupStableDecay', initialLearningRate: 1e-3, numWarmupSteps: 10, numDecaySteps: 10, numStableSteps: 5, decayType: 'cube' },
      ],
    };
    expectRejected(() => fromConfig(config as never), 'schedules[1].decayType', 'INVALID_CONFIG');
  });
});
