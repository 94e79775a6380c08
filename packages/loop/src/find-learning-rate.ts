import { AnnealError, parseOrThrow, suggestLearningRate, suggestionMethods } from '@anneal/core';
import * as z from 'zod/mini';
import { type RangeTestOptions, type RangeTestOptionsInput, rangeTestOptionsSchema, rangeTestRate } from './range-test-options.js';
import { robustSuggestions, type Suggestions } from './robust-suggestions.js';

/** Where a batch of the range test stands. */
export interface RangeTestStep {
  /** Which run (0 to runs − 1): draw the batches in another order for each. */
  readonly run: number;
  /** Batch index within the run (0 to numIter − 1). */
  readonly iteration: number;
}

/** The training a range test drives, and how to put the model back afterwards. */
export interface RangeTestTrainer<S = unknown> {
  /** Trains on one batch at rate `lr` and returns that batch's loss. */
  readonly step: (lr: number, at: RangeTestStep) => number | Promise<number>;
  /** Called once before the first batch; its value goes to `restore`. */
  readonly save?: (() => S | Promise<S>) | undefined;
  /** Called between runs and at the end (also after an error): put the model and optimizer back. */
  readonly restore?: ((saved: S) => void | Promise<void>) | undefined;
}

/** One run's record: every batch's rate, raw and smoothed loss, and fastai's suggestions from it. */
export interface RangeTestCurve {
  readonly lrs: number[];
  readonly losses: number[];
  /** fastai's recorder losses: the bias-corrected moving average, (1 − β) Σ β^(t−k) loss_k / (1 − β^t). */
  readonly smoothedLosses: number[];
  /** Each method on `smoothedLosses` (null: too few points after trimming; see warnings). */
  readonly suggestions: Suggestions;
  /** True when the run ended before numIter batches (divergence, or a NaN loss). */
  readonly stoppedEarly: boolean;
}

/** The result: the first run's curve, the suggestions (medians over runs), their spread, every run. */
export interface RangeTestResult extends RangeTestCurve {
  /** Largest over smallest suggestion across the runs (1 for a single run). */
  readonly spread: Suggestions;
  readonly runs: RangeTestCurve[];
  /** The options the test ran with, defaults filled in. */
  readonly options: RangeTestOptions;
  /** Whatever the reader should know: untrustworthy spreads, missing suggestions, NaN losses. */
  readonly warnings: string[];
}

const hook = (rule: string) => z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', rule);

// Not strict: a trainer may be an object of the user's own with other members.
const trainerSchema = z.object(
  {
    step: hook('must be a function (lr, { run, iteration }) => loss'),
    save: z.optional(hook('must be a function () => saved state, when present')),
    restore: z.optional(hook('must be a function (saved) => void, when present')),
  },
  'must be an object with a step(lr) function',
);

async function runOnce(step: RangeTestTrainer['step'], options: RangeTestOptions, run: number, warnings: string[]): Promise<RangeTestCurve> {
  const { numIter, beta, divergeThreshold } = options;
  const lrs: number[] = [];
  const losses: number[] = [];
  const smoothedLosses: number[] = [];
  let average = 0;
  let best = Infinity;
  for (let iteration = 0; iteration < numIter; iteration++) {
    const lr = rangeTestRate(options, iteration);
    const loss = await step(lr, { run, iteration });
    if (typeof loss !== 'number') {
      const rule = `must return the batch's loss as a number (run ${run}, batch ${iteration})`;
      throw new AnnealError('INVALID_OPTIONS', { subject: 'range test trainer', issues: [{ path: 'step', value: loss, rule }] });
    }
    // fastai's AvgSmoothLoss: torch.lerp(loss, average, beta), debiased. torch's lerp takes
    // the end-anchored form for weights >= 0.5, which keeps an infinite loss infinite (not NaN).
    average = beta < 0.5 ? loss + beta * (average - loss) : average - (average - loss) * (1 - beta);
    const smoothed = average / (1 - beta ** (iteration + 1));
    lrs.push(lr);
    losses.push(loss);
    smoothedLosses.push(smoothed);
    if (smoothed < best) best = smoothed;
    if (Number.isNaN(smoothed)) {
      // fastai would train on through NaNs; nothing after one can be suggested from.
      warnings.push(`run ${run}: the loss was NaN at batch ${iteration} (rate ${lr.toExponential(2)}); the run stopped there`);
      break;
    }
    // The ratio means nothing for a best loss <= 0 (fastai would stop at once there).
    if (divergeThreshold !== null && best > 0 && smoothed > divergeThreshold * best) break;
  }
  const suggestions = {} as Suggestions;
  for (const method of suggestionMethods) {
    try {
      suggestions[method] = suggestLearningRate({ lrs, losses: smoothedLosses }, method, { numIter });
    } catch (error) {
      if (!(error instanceof AnnealError)) throw error;
      suggestions[method] = null;
      warnings.push(`run ${run}: no ${method} suggestion: ${error.message}`);
    }
  }
  return { lrs, losses, smoothedLosses, suggestions, stoppedEarly: lrs.length < numIter };
}

/**
 * The learning-rate range test (Leslie Smith; fastai's `lr_find`) for any training loop:
 * trains `numIter` batches while the rate grows from `startLr` to `endLr`, records the
 * smoothed loss, stops once it diverges (above `divergeThreshold` × the best), and
 * suggests a starting rate by fastai's four methods. `save` runs before the test and
 * `restore` after it (also after an error, and between runs), so the model is left as it
 * was. With `runs: k` the test is repeated and each suggestion is the median of the k
 * runs, with its spread and a warning when that exceeds 10×.
 *
 * @example
 * const result = await findLearningRate({
 *   step: async (lr, { run, iteration }) => trainOneBatch(batches(run)[iteration % n], lr),
 *   save: () => snapshot(model),
 *   restore: (saved) => load(model, saved),
 * }, { numIter: 100, runs: 3 });
 * result.suggestions.valley; // e.g. 0.0012
 */
export async function findLearningRate<S>(trainer: RangeTestTrainer<S>, options: RangeTestOptionsInput = {}): Promise<RangeTestResult> {
  // Only the three members are checked (a trainer object may hold a model, whose graph is no
  // option to walk); the trainer itself is used, its functions called as given.
  const members = trainer !== null && typeof trainer === 'object' ? { step: trainer.step, save: trainer.save, restore: trainer.restore } : trainer;
  parseOrThrow(trainerSchema, members, 'range test trainer');
  const parsed = parseOrThrow(rangeTestOptionsSchema, options, 'range test options');
  const warnings: string[] = [];
  const { save, restore } = trainer;
  if (parsed.runs > 1 && restore === undefined) {
    warnings.push('runs > 1 without a restore hook: each run started from where the previous one left the model');
  }
  const saved = (save === undefined ? undefined : await save()) as S;
  const curves: RangeTestCurve[] = [];
  let failed = true;
  try {
    for (let run = 0; run < parsed.runs; run++) {
      if (run > 0 && restore !== undefined) await restore(saved);
      curves.push(await runOnce(trainer.step, parsed, run, warnings));
    }
    failed = false;
  } finally {
    if (restore !== undefined) {
      try {
        await restore(saved);
      } catch (error) {
        // A failed step's own error says more than the restore that followed it.
        if (!failed) throw error;
      }
    }
  }
  const first = curves[0] as RangeTestCurve;
  const robust = robustSuggestions(curves.map((curve) => curve.suggestions));
  return { ...first, suggestions: robust.suggestions, spread: robust.spread, runs: curves, options: parsed, warnings: [...warnings, ...robust.warnings] };
}
