import { describe, it } from 'vitest';
import { timmCosine } from '@anneal/core';
import { expectRejected } from '../support.js';

// Each case: a builder that must refuse, and the field its error must name.
type Case = readonly [name: string, build: () => unknown, path: string];

const timm = { initialLearningRate: 0.1, tInitial: 100 };

const cases: Case[] = [
  ['a negative lrMin', () => timmCosine({ ...timm, lrMin: -1 }), 'lrMin'],
  ['tInitial 0', () => timmCosine({ ...timm, tInitial: 0 }), 'tInitial'],
  ['a fractional cycleLimit', () => timmCosine({ ...timm, cycleLimit: 1.5 }), 'cycleLimit'],
  ['cycleMul 0', () => timmCosine({ ...timm, cycleMul: 0 }), 'cycleMul'],
  ['kDecay 0', () => timmCosine({ ...timm, kDecay: 0 }), 'kDecay'],
  ['a negative cycleDecay', () => timmCosine({ ...timm, cycleDecay: -0.5 }), 'cycleDecay'],
];

describe('invalid options of timmCosine', () => {
  it.each(cases)('refuses %s with INVALID_OPTIONS naming the field', (_name, build, path) => {
    expectRejected(build, path);
  });
});
