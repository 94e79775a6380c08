import { describe, expect, it } from 'vitest';
import { AnnealError, normalAt, suggestLearningRate, suggestionMethods } from '@anneal/core';
import { findLearningRate, type RangeTestStep } from '@anneal/loop';

// fastai 2.7 (fastai/callback/schedule.py): LRFinder sets batch i's rate to
// SchedExp(start, end)(i / num_it) = start·(end/start)^(i/num_it) (SchedLin: start + pos·(end − start));
// fastai/learner.py AvgSmoothLoss records val_t / (1 − β^t) with val_t = lerp(loss_t, val_{t−1}, β),
// that is (1 − β) Σ_k β^(t−k) loss_k / (1 − β^t), written out below as that sum.
const schedExp = (start: number, end: number, pos: number) => start * (end / start) ** pos;
const schedLin = (start: number, end: number, pos: number) => start + pos * (end - start);
function debiasedAverage(losses: readonly number[], beta: number): number[] {
  return losses.map((_, t) => {
    let sum = 0;
    for (let k = 0; k <= t; k++) sum += (1 - beta) * beta ** (t - k) * (losses[k] as number);
    return sum / (1 - beta ** (t + 1));
  });
}

/**
 * Stochastic gradient descent on f(w) = a·(w − ξ)²/2 from w = 1, with a batch's ξ drawn from
 * N(0, 0.1²): the loss falls to a noise floor, and the iteration diverges exactly for rates above 2/a.
 */
function quadratic(a: number) {
  let w = 1;
  return {
    step: (lr: number, { run, iteration }: RangeTestStep) => {
      const xi = 0.1 * normalAt(run, iteration);
      const loss = 0.5 * a * (w - xi) ** 2;
      w -= lr * a * (w - xi);
      return loss;
    },
    save: () => w,
    restore: (saved: number) => {
      w = saved;
    },
    get w() {
      return w;
    },
  };
}

describe('findLearningRate (any loop): the test itself', () => {
  it('gives batch i the rate start·(end/start)^(i/numIter) (fastai SchedExp), and start + (i/numIter)(end − start) in linear mode', async () => {
    const seen: number[] = [];
    const exp = await findLearningRate({ step: (lr) => (seen.push(lr), 1) }, { numIter: 20, divergeThreshold: null });
    expect(exp.lrs).toEqual(Array.from({ length: 20 }, (_, i) => schedExp(1e-7, 10, i / 20)));
    expect(seen).toEqual(exp.lrs);
    const lin = await findLearningRate({ step: () => 1 }, { numIter: 20, startLr: 1e-3, endLr: 1, stepMode: 'linear' });
    expect(lin.lrs).toEqual(Array.from({ length: 20 }, (_, i) => schedLin(1e-3, 1, i / 20)));
  });

  it('records the bias-corrected moving average of the loss (fastai AvgSmoothLoss) next to the raw loss', async () => {
    const raw = Array.from({ length: 30 }, (_, i) => 2 + Math.sin(i) * 0.3);
    for (const beta of [0.98, 0.6, 0.3, 0]) {
      const result = await findLearningRate({ step: (_lr, { iteration }) => raw[iteration] as number }, { numIter: 30, beta, divergeThreshold: null });
      expect(result.losses).toEqual(raw);
      const expected = debiasedAverage(raw, beta);
      result.smoothedLosses.forEach((s, t) => expect(Math.abs(s - (expected[t] as number))).toBeLessThan(1e-12 * (expected[t] as number)));
    }
  });

  it('runs numIter batches when the loss never diverges', async () => {
    const result = await findLearningRate({ step: () => 1 }, { numIter: 40 });
    expect(result.lrs).toHaveLength(40);
    expect(result.stoppedEarly).toBe(false);
  });

  it('stops after the first batch whose smoothed loss exceeds divergeThreshold × the best, and records that batch', async () => {
    const problem = quadratic(10);
    const result = await findLearningRate(problem, { numIter: 100 });
    const s = result.smoothedLosses;
    const best = (upTo: number) => Math.min(...s.slice(0, upTo + 1));
    const last = s.length - 1;
    expect(result.stoppedEarly).toBe(true);
    expect(s[last]).toBeGreaterThan(4 * best(last));
    for (let i = 0; i < last; i++) expect(s[i]).toBeLessThanOrEqual(4 * best(i));
    // On a·w²/2 gradient descent diverges for lr > 2/a = 0.2: the stop comes after that.
    expect(result.lrs[last]).toBeGreaterThan(0.2);
  });

  it('suggests, by each method, exactly suggestLearningRate on the smoothed curve, below the divergence rate 2/a', async () => {
    const result = await findLearningRate(quadratic(10), { numIter: 100 });
    for (const method of suggestionMethods) {
      const expected = suggestLearningRate({ lrs: result.lrs, losses: result.smoothedLosses }, method, { numIter: 100 });
      expect(result.suggestions[method], method).toBe(expected);
      expect(result.suggestions[method], method).toBeLessThan(0.2);
    }
    expect(result.spread).toEqual({ valley: 1, slide: 1, minimum: 1, steep: 1 });
  });

  it('keeps an infinite loss infinite in the smoothed curve (torch.lerp’s end-anchored form) and stops there', async () => {
    const result = await findLearningRate({ step: (_lr, { iteration }) => (iteration < 30 ? 1 : Infinity) }, { numIter: 50 });
    expect(result.smoothedLosses.at(-1)).toBe(Infinity);
    expect(result.lrs).toHaveLength(31);
  });

  it('stops at a NaN loss and says so in the warnings', async () => {
    const result = await findLearningRate({ step: (_lr, { iteration }) => (iteration < 40 ? 1 : Number.NaN) }, { numIter: 100 });
    expect(result.lrs).toHaveLength(41);
    expect(result.warnings.join('\n')).toMatch(/NaN at batch 40/);
  });

  it('gives null and a warning for a method whose curve is too short after trimming', async () => {
    const result = await findLearningRate({ step: (_lr, { iteration }) => (iteration < 10 ? 1 : 100) }, { numIter: 100 });
    expect(result.suggestions.slide).toBeNull();
    expect(result.warnings.join('\n')).toMatch(/no slide suggestion/);
  });
});

describe('findLearningRate (any loop): putting the model back', () => {
  it('saves once before the first batch and restores after the last, leaving the model as it was', async () => {
    const problem = quadratic(10);
    const log: string[] = [];
    await findLearningRate(
      {
        step: (lr, at) => (log.push('step'), problem.step(lr, at)),
        save: () => (log.push('save'), problem.save()),
        restore: (w) => (log.push('restore'), problem.restore(w)),
      },
      { numIter: 10, divergeThreshold: null },
    );
    expect(log).toEqual(['save', ...Array(10).fill('step'), 'restore']);
    expect(problem.w).toBe(1);
  });

  it('restores after a failing step and rethrows the step’s error', async () => {
    const problem = quadratic(10);
    const failing = {
      ...problem,
      step: (lr: number, { iteration }: RangeTestStep) => {
        if (iteration === 5) throw new Error('out of memory');
        return problem.step(lr, { run: 0, iteration });
      },
    };
    await expect(findLearningRate(failing, { numIter: 10 })).rejects.toThrow('out of memory');
    expect(problem.w).toBe(1);
  });
});

describe('findLearningRate (any loop): runs', () => {
  it('restores between runs, and reports the median suggestion of the runs with its spread', async () => {
    const problem = quadratic(10);
    const starts: number[] = [];
    const result = await findLearningRate(
      {
        // Each run sees a different curvature, as if its batches came in another order.
        step: (lr, at) => {
          if (at.iteration === 0) starts.push(problem.w);
          return problem.step(lr * (1 + at.run), at);
        },
        save: problem.save,
        restore: problem.restore,
      },
      { runs: 3 },
    );
    expect(starts).toEqual([1, 1, 1]);
    expect(result.runs).toHaveLength(3);
    expect(result.lrs).toEqual(result.runs[0]?.lrs);
    for (const method of suggestionMethods) {
      const values = result.runs.map((run) => run.suggestions[method] as number).sort((a, b) => a - b);
      expect(result.suggestions[method]).toBe(values[1]);
      expect(result.spread[method]).toBe((values[2] as number) / (values[0] as number));
    }
  });

  it('warns when a method’s suggestions spread more than 10× over the runs', async () => {
    // Run r's loss bottoms out near 1e-(5 − 2r): the valley moves two decades per run.
    const step = (lr: number, { run }: RangeTestStep) => (Math.log10(lr) - (-5 + 2 * run)) ** 2 + 1;
    const result = await findLearningRate({ step }, { runs: 3, divergeThreshold: null });
    expect(result.spread.minimum).toBeGreaterThan(10);
    expect(result.warnings.join('\n')).toMatch(/minimum: the 3 runs suggest .* spread of [\d.]+× \(> 10×\): this suggestion is not to be trusted/);
    expect(result.warnings.join('\n')).toMatch(/without a restore hook/);
  });
});

describe('findLearningRate (any loop): bad input', () => {
  const step = () => 1;
  it.each([
    [{ endLr: 1e-8 }, 'endLr'],
    [{ numIter: 5 }, 'numIter'],
    [{ beta: 1 }, 'beta'],
    [{ divergeThreshold: 1 }, 'divergeThreshold'],
    [{ runs: 0 }, 'runs'],
    [{ numIters: 10 }, 'numIters'],
  ])('refuses %j, naming %s', async (options, path) => {
    const error = await findLearningRate({ step }, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnnealError);
    expect((error as AnnealError).path).toBe(path);
  });

  it('checks only the trainer’s step, save and restore, not whatever else it holds (a deep model graph)', async () => {
    let deep: object = {};
    for (let i = 0; i < 500; i++) deep = { next: deep };
    const result = await findLearningRate({ step, model: deep } as never, { numIter: 10 });
    expect(result.lrs).toHaveLength(10);
  });

  it('refuses a step that is not a function, or returns no number', async () => {
    await expect(findLearningRate({ step: 1 } as never)).rejects.toThrow(
      'Invalid range test trainer: step: must be a function (lr, { run, iteration }) => loss (got 1)',
    );
    await expect(findLearningRate({ step, restore: 'back' } as never)).rejects.toThrow(
      'Invalid range test trainer: restore: must be a function (saved) => void, when present (got "back")',
    );
    await expect(findLearningRate(null as never)).rejects.toThrow('Invalid range test trainer: (root): must be an object with a step(lr) function (got null)');
    await expect(findLearningRate({ step: () => 'low' } as never)).rejects.toThrow(
      'Invalid range test trainer: step: must return the batch\'s loss as a number (run 0, batch 0) (got "low")',
    );
  });
});
