import { describe, it } from 'vitest';
import { warmupCosineDecay, warmupExponentialDecay } from '@anneal/core';
import { expectRejected } from '../support.js';

// Each case: a builder that must refuse, and the field its error must name.
type Case = readonly [name: string, build: () => unknown, path: string];

const optaxCosine = { initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000 };
const optaxExponential = { initValue: 0, peakValue: 1e-3, warmupSteps: 100, transitionSteps: 1000, decayRate: 0.5 };

const cases: Case[] = [
  ['an infinite peakValue', () => warmupCosineDecay({ ...optaxCosine, peakValue: Infinity }), 'peakValue'],
  ['transitionSteps 0', () => warmupExponentialDecay({ ...optaxExponential, transitionSteps: 0 }), 'transitionSteps'],
  ['a negative exponent', () => warmupCosineDecay({ ...optaxCosine, exponent: -1 }), 'exponent'],
  ['decayRate 0', () => warmupExponentialDecay({ ...optaxExponential, decayRate: 0 }), 'decayRate'],
  ['warmupCosineDecay decaySteps not above warmupSteps', () => warmupCosineDecay({ ...optaxCosine, decaySteps: 100 }), 'decaySteps'],
  ['a growing decayRate with no endValue', () => warmupExponentialDecay({ ...optaxExponential, decayRate: 1.5 }), 'decayRate'],
];

describe('invalid options of the optax schedules', () => {
  it.each(cases)('refuses %s with INVALID_OPTIONS naming the field', (_name, build, path) => {
    expectRejected(build, path);
  });
});
