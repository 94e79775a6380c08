import * as z from 'zod/mini';
import { AnnealError, parseOrThrow } from './errors.js';
import { positiveInt } from './options.js';

// fastai 2.7's four suggestion functions (fastai/callback/schedule.py: valley, slide,
// minimum, steep) and the trimming its Learner.lr_find applies before calling them,
// transcribed line by line. fastai works on float32 torch tensors; here everything is
// double precision. Every result is one of the given rates (minimum: a tenth of one),
// so an exact transcription gives exactly the reference's value.

/** The suggestion methods, named as fastai names them. */
export const suggestionMethods = ['valley', 'slide', 'minimum', 'steep'] as const;
export type SuggestionMethod = (typeof suggestionMethods)[number];

/** A range test's curve: the rate of each batch and its (smoothed) loss. */
export interface LearningRateCurve {
  readonly lrs: readonly number[];
  readonly losses: readonly number[];
}

const anyNumber = z.custom<number>((v) => typeof v === 'number', 'must be a number (NaN and ±Infinity allowed)');

const curveSchema = z
  .object({
    lrs: z.array(z.number().check(z.positive('must be a finite number > 0 (the methods take its logarithm)'))),
    losses: z.array(anyNumber),
  })
  .check(z.refine((c) => c.lrs.length === c.losses.length, { path: ['losses'], message: 'must have as many entries as lrs' }));

const optionsSchema = z.strictObject({ numIter: z.optional(positiveInt()) });

// Fewest points each method can work on; fastai itself fails below them (an empty
// argmin; np.gradient of one point; slide reads lrs[-16]).
const fewestPoints: Record<SuggestionMethod, number> = { valley: 1, slide: 16, minimum: 1, steep: 2 };

/**
 * What fastai's `lr_find` hands the suggestion functions: the recorded curve without
 * its first ⌊numIter/10⌋ and last 5 points (`[num_it//10:-5]`), cut before the first
 * NaN loss.
 *
 * @example trimCurve({ lrs, losses }, 100) // lrs.slice(10, -5), losses.slice(10, -5), then cut at NaN
 */
export function trimCurve(curve: LearningRateCurve, numIter: number): { lrs: number[]; losses: number[] } {
  const n = curve.losses.length;
  const start = Math.min(Math.floor(numIter / 10), n);
  let end = Math.max(n - 5, start);
  const nan = curve.losses.findIndex((loss, i) => i >= start && i < end && Number.isNaN(loss));
  if (nan !== -1) end = nan;
  return { lrs: curve.lrs.slice(start, end), losses: curve.losses.slice(start, end) };
}

/**
 * The learning rate fastai 2.7 suggests from a range test's curve, computed exactly as
 * its function of the same name, after `lr_find`'s trimming ({@link trimCurve}):
 *
 * - `valley` (fastai's default): the longest run of decreasing losses (a longest
 *   decreasing subsequence), and the point 1/3 + 1/6 of the way along it;
 * - `slide`: slides a window of 15 points down from the end while the loss gradients
 *   at its ends differ by more than 0.005, and returns the rate at its left end;
 * - `minimum`: a tenth of the rate at the lowest loss;
 * - `steep`: the rate where the loss falls fastest against log(rate).
 *
 * `numIter` is the test's planned number of batches (it sets how much is trimmed from
 * the start); it defaults to the curve's length. A curve too short for the method after
 * trimming (valley and minimum need 1 point, steep 2, slide 16) is an `AnnealError`.
 *
 * @example
 * const { lrs, smoothedLosses } = result; // a range test's record
 * suggestLearningRate({ lrs, losses: smoothedLosses }, 'valley', { numIter: 100 }); // e.g. 0.0012
 */
export function suggestLearningRate(
  curve: LearningRateCurve,
  method: SuggestionMethod = 'valley',
  options: { numIter?: number | undefined } = {},
): number {
  const { lrs: allLrs, losses: allLosses } = parseOrThrow(curveSchema, curve, 'learning-rate curve');
  const { numIter = allLosses.length } = parseOrThrow(optionsSchema, options, 'suggestLearningRate options');
  if (!suggestionMethods.includes(method)) {
    const rule = `must be one of ${suggestionMethods.join(', ')}`;
    throw new AnnealError('INVALID_OPTIONS', { subject: 'suggestion method', issues: [{ path: 'method', value: method, rule }] });
  }
  const { lrs, losses } = trimCurve({ lrs: allLrs, losses: allLosses }, numIter);
  if (losses.length < fewestPoints[method]) {
    // The value shown is the number of points left, the rule says how many were dropped and why.
    const rule =
      `must leave at least ${fewestPoints[method]} point(s) for "${method}" after fastai's trimming ` +
      `(the first ⌊numIter/10⌋ = ${Math.floor(numIter / 10)} and the last 5 of ${allLosses.length} dropped, cut at the first NaN); points left`;
    throw new AnnealError('INVALID_OPTIONS', { subject: 'learning-rate curve', issues: [{ path: 'losses', value: losses.length, rule }] });
  }
  return methods[method](lrs, losses);
}

const methods: Record<SuggestionMethod, (lrs: number[], losses: number[]) => number> = { valley, slide, minimum, steep };

/** Python's `seq[i]`: a negative index counts from the end. */
const at = (values: readonly number[], i: number): number => values[i < 0 ? values.length + i : i] as number;

function valley(lrs: number[], losses: number[]): number {
  const n = losses.length;
  let maxStart = 0;
  let maxEnd = 0;
  const lds = new Array<number>(n).fill(1);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if ((losses[i] as number) < (losses[j] as number) && (lds[i] as number) < (lds[j] as number) + 1) {
        lds[i] = (lds[j] as number) + 1;
      }
      // Inside the j loop as in fastai (the same as after it: lds[i] never exceeds the best so far + 1).
      if ((lds[maxEnd] as number) < (lds[i] as number)) {
        maxEnd = i;
        maxStart = maxEnd - (lds[maxEnd] as number);
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  // maxStart may be -1 (a valley from the first point), making idx -1: Python then reads the last rate.
  const idx = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return at(lrs, idx);
}

/** numpy.gradient with unit spacing and edge_order 1 (needs two points or more). */
function gradient(f: readonly number[]): number[] {
  const n = f.length;
  const out = new Array<number>(n);
  out[0] = (f[1] as number) - (f[0] as number);
  out[n - 1] = (f[n - 1] as number) - (f[n - 2] as number);
  for (let i = 1; i < n - 1; i++) out[i] = ((f[i + 1] as number) - (f[i - 1] as number)) / 2;
  return out;
}

function slide(lrs: number[], losses: number[]): number {
  const lrDiff = 15;
  const thresh = 0.005;
  const adjustValue = 1;
  const lossGrad = gradient(losses);
  let rIdx = -1;
  let lIdx = rIdx - lrDiff;
  let localMinLr = at(lrs, lIdx);
  while (lIdx >= -losses.length && Math.abs(at(lossGrad, rIdx) - at(lossGrad, lIdx)) > thresh) {
    localMinLr = at(lrs, lIdx);
    rIdx -= 1;
    lIdx -= 1;
  }
  return localMinLr * adjustValue;
}

/** numpy/torch argmin: the first minimum, or the first NaN if there is one. */
function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return i;
    if (v < (values[best] as number)) best = i;
  }
  return best;
}

function minimum(lrs: number[], losses: number[]): number {
  return (lrs[argmin(losses)] as number) / 10;
}

function steep(lrs: number[], losses: number[]): number {
  const grads: number[] = [];
  for (let i = 0; i < losses.length - 1; i++) {
    grads.push(((losses[i + 1] as number) - (losses[i] as number)) / (Math.log(lrs[i + 1] as number) - Math.log(lrs[i] as number)));
  }
  return lrs[argmin(grads)] as number;
}
