import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suggestLearningRate, suggestionMethods, trimCurve } from '@anneal/core';
import { expectRejected } from './support.js';

// Reference: fastai 2.7's valley, slide, minimum and steep (fastai/callback/schedule.py) and
// Learner.lr_find's trimming, transcribed into numpy by ./fastai-suggestions.py, which wrote
// ./fastai-suggestions.json (37 curves: synthetic range tests, a NaN, infinities, ties,
// monotone curves, curves too short for a method, 24 random walks with random numIter).
// `null` is where fastai itself fails (an empty argmin, slide's lrs[-16]).
interface Case {
  name: string;
  numIter: number;
  lrs: (number | string)[];
  losses: (number | string)[];
  valley: number | null;
  slide: number | null;
  minimum: number | null;
  steep: number | null;
}
const table = JSON.parse(readFileSync(new URL('./fastai-suggestions.json', import.meta.url), 'utf8')) as { cases: Case[] };
const decode = (values: (number | string)[]) => values.map(Number); // "NaN", "Infinity" as written by Python

describe('suggestLearningRate against fastai 2.7 (numpy transcription)', () => {
  for (const c of table.cases) {
    it(`${c.name}: every method gives fastai's rate exactly, or fails where fastai fails`, () => {
      const curve = { lrs: decode(c.lrs), losses: decode(c.losses) };
      for (const method of suggestionMethods) {
        const expected = c[method];
        if (expected === null) {
          expectRejected(() => suggestLearningRate(curve, method, { numIter: c.numIter }), 'losses');
        } else {
          // Exact: each suggestion is one of the given rates (minimum: a tenth of one).
          expect(suggestLearningRate(curve, method, { numIter: c.numIter }), method).toBe(expected);
        }
      }
    });
  }

  it('covers every method with a value and with a failure somewhere in the table', () => {
    for (const method of suggestionMethods) {
      expect(table.cases.some((c) => c[method] !== null)).toBe(true);
      expect(table.cases.some((c) => c[method] === null)).toBe(true);
    }
  });
});

describe('trimCurve (Learner.lr_find: [num_it//10:-5], then cut at the first NaN)', () => {
  const lrs = Array.from({ length: 30 }, (_, i) => i + 1);
  it('drops the first ⌊numIter/10⌋ and the last 5 points', () => {
    expect(trimCurve({ lrs, losses: lrs }, 29).lrs).toEqual(lrs.slice(2, 25));
  });
  it('cuts before the first NaN inside the kept range, ignoring NaNs already dropped', () => {
    const losses = lrs.map((v, i) => (i === 0 || i === 12 || i === 20 ? Number.NaN : v));
    expect(trimCurve({ lrs, losses }, 10).lrs).toEqual(lrs.slice(1, 12));
  });
  it('is empty, not reversed, when the curve is shorter than what is dropped (Python slicing)', () => {
    expect(trimCurve({ lrs: [1, 2, 3], losses: [1, 2, 3] }, 100)).toEqual({ lrs: [], losses: [] });
  });
});

describe('suggestLearningRate input checks', () => {
  const curve = { lrs: [1e-3, 1e-2, 1e-1], losses: [1, 0.5, 2] };
  it('defaults numIter to the curve length and method to valley', () => {
    const long = { lrs: Array.from({ length: 40 }, (_, i) => 1e-5 * 1.3 ** i), losses: Array.from({ length: 40 }, (_, i) => (i - 20) ** 2) };
    expect(suggestLearningRate(long)).toBe(suggestLearningRate(long, 'valley', { numIter: 40 }));
  });
  it('refuses a rate <= 0, naming its index', () => {
    expectRejected(() => suggestLearningRate({ lrs: [1e-3, 0, 1], losses: [1, 1, 1] }), 'lrs[1]');
  });
  it('refuses lrs and losses of different lengths', () => {
    expectRejected(() => suggestLearningRate({ lrs: [1e-3], losses: [1, 2] }), 'losses');
  });
  it('refuses an unknown method and a numIter that is not a positive integer', () => {
    expectRejected(() => suggestLearningRate(curve, 'valey' as never), 'method');
    expectRejected(() => suggestLearningRate(curve, 'valley', { numIter: 0 }), 'numIter');
  });
  it('says how many points are left when a curve is too short', () => {
    const error = expectRejected(() => suggestLearningRate(curve, 'slide', { numIter: 10 }), 'losses');
    expect(error.message).toMatch(/^Invalid learning-rate curve: losses: must leave at least 16 .*"slide".*points left \(got 0\)$/);
  });
});
