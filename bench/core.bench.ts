// evaluate(schedule, { start: 0, stop: 10M }) for each schedule family against the same
// formula written out by hand as a loop into a Float64Array, in the same process.
// Each baseline mirrors the formula of its schedule's source file in
// packages/core/src/schedules (read them side by side); a check before timing
// confirms that both produce the same values, so the ratio compares like with like.
import { evaluate, fromConfig, normalAt, parseScheduleConfig } from '@anneal/core';
import { compare, maxRelativeDifference, type Row, type Suite } from './harness.js';

const steps = Number(process.env.BENCH_STEPS ?? 10_000_000);
/** BENCH_CASE=stepLR times only the case of that exact name (e.g. one case per process). */
const only = process.env.BENCH_CASE ?? '';

// Parameters are read from the config at run time, as a hand-written loop would read
// them from its own settings: neither side gets them as compile-time constants.
export type Config = Record<string, any>;

export interface Family {
  name: string;
  config: Config;
  /** The same formula, hand-inlined: writes lr(i) for i in [0, n) into out. */
  baseline: (config: Config, out: Float64Array, n: number) => void;
}

/** A fraction of the run, in whole steps (several options must be integers). */
const at = (fraction: number) => Math.round(steps * fraction);

const cosine = { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: at(0.9), alpha: 0.01 };

// Baselines in the order of the schedule sources they mirror; names of the locals
// follow those sources so the two can be read side by side.
export const families: Family[] = [
  {
    // tensorflow/exponential-decay.ts
    name: 'exponentialDecay',
    config: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: at(0.1), decayRate: 0.96, staircase: false },
    baseline({ initialLearningRate, decaySteps, decayRate }, out, n) {
      for (let step = 0; step < n; step++) out[step] = initialLearningRate * decayRate ** (step / decaySteps);
    },
  },
  {
    // tensorflow/piecewise-constant.ts
    name: 'piecewiseConstant',
    config: { kind: 'piecewiseConstant', boundaries: [at(0.2), at(0.5), at(0.8)], values: [1, 0.5, 0.1, 0.01] },
    baseline({ boundaries, values }, out, n) {
      const bounds = Float64Array.from(boundaries as number[]);
      const levels = Float64Array.from(values as number[]);
      const count = bounds.length;
      for (let step = 0; step < n; step++) {
        let lo = 0;
        let hi = count;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (step <= (bounds[mid] as number)) hi = mid;
          else lo = mid + 1;
        }
        out[step] = levels[lo] as number;
      }
    },
  },
  {
    // tensorflow/polynomial-decay.ts
    name: 'polynomialDecay (cycle)',
    config: { kind: 'polynomialDecay', initialLearningRate: 0.1, decaySteps: at(1 / 7), endLearningRate: 0.001, power: 2, cycle: true },
    baseline({ initialLearningRate, decaySteps, endLearningRate, power }, out, n) {
      const span = initialLearningRate - endLearningRate;
      for (let step = 0; step < n; step++) {
        const period = step === 0 ? decaySteps : decaySteps * Math.ceil(step / decaySteps);
        out[step] = span * (1 - step / period) ** power + endLearningRate;
      }
    },
  },
  {
    // tensorflow/cosine-decay.ts (no warmup)
    name: 'cosineDecay',
    config: cosine,
    baseline({ initialLearningRate, decaySteps, alpha }, out, n) {
      const halfSpan = 0.5 * (1 - alpha);
      for (let step = 0; step < n; step++) {
        out[step] = initialLearningRate * (halfSpan * (1 + Math.cos((Math.PI * Math.min(step, decaySteps)) / decaySteps)) + alpha);
      }
    },
  },
  {
    // tensorflow/cosine-decay-restarts.ts (tMul != 1)
    name: 'cosineDecayRestarts',
    config: { kind: 'cosineDecayRestarts', initialLearningRate: 0.1, firstDecaySteps: at(0.01), tMul: 2, mMul: 0.9, alpha: 0.01 },
    baseline({ initialLearningRate, firstDecaySteps, tMul, mMul, alpha }, out, n) {
      const halfSpan = 0.5 * (1 - alpha);
      const tm1 = tMul - 1;
      const logT = Math.log1p(tm1);
      for (let step = 0; step < n; step++) {
        const completed = step / firstDecaySteps;
        let cycle = Math.floor(Math.log1p(completed * tm1) / logT);
        if (completed < (tMul ** cycle - 1) / tm1) cycle -= 1;
        else if (completed >= (tMul ** (cycle + 1) - 1) / tm1) cycle += 1;
        const fraction = (completed - (tMul ** cycle - 1) / tm1) / tMul ** cycle;
        out[step] = initialLearningRate * (halfSpan * mMul ** cycle * (1 + Math.cos(Math.PI * fraction)) + alpha);
      }
    },
  },
  {
    // tensorflow/linear-cosine-decay.ts
    name: 'linearCosineDecay',
    config: { kind: 'linearCosineDecay', initialLearningRate: 0.1, decaySteps: steps, numPeriods: 3, alpha: 0, beta: 0.001 },
    baseline({ initialLearningRate, decaySteps, numPeriods, alpha, beta }, out, n) {
      const omega = (2 * Math.PI * numPeriods) / decaySteps;
      for (let step = 0; step < n; step++) {
        const t = Math.min(step, decaySteps);
        const linear = (decaySteps - t) / decaySteps;
        const cosineDecayed = 0.5 * (1 + Math.cos(omega * t));
        out[step] = initialLearningRate * ((alpha + linear) * cosineDecayed + beta);
      }
    },
  },
  {
    // tensorflow/noisy-linear-cosine-decay.ts; the noise is core's normalAt on both sides.
    name: 'noisyLinearCosineDecay',
    config: {
      kind: 'noisyLinearCosineDecay',
      initialLearningRate: 0.1,
      decaySteps: steps,
      numPeriods: 3,
      alpha: 0,
      beta: 0.001,
      initialVariance: 1,
      varianceDecay: 0.55,
      seed: 42,
    },
    baseline({ initialLearningRate, decaySteps, numPeriods, alpha, beta, initialVariance, varianceDecay, seed }, out, n) {
      const omega = (2 * Math.PI * numPeriods) / decaySteps;
      const halfDecay = varianceDecay / 2;
      const sigma0 = Math.sqrt(initialVariance);
      for (let step = 0; step < n; step++) {
        const t = Math.min(step, decaySteps);
        const linear = (decaySteps - t) / decaySteps;
        const noise = (sigma0 / (1 + t) ** halfDecay) * normalAt(seed, step);
        const cosineDecayed = 0.5 * (1 + Math.cos(omega * t));
        const decayed = (alpha + linear + noise) * cosineDecayed + beta;
        out[step] = decayed > 0 ? initialLearningRate * decayed : 0;
      }
    },
  },
  {
    // torch/step-lr.ts
    name: 'stepLR',
    config: { kind: 'stepLR', initialLearningRate: 0.1, stepSize: at(0.1), gamma: 0.5 },
    baseline({ initialLearningRate, stepSize, gamma }, out, n) {
      for (let step = 0; step < n; step++) out[step] = initialLearningRate * gamma ** Math.floor(step / stepSize);
    },
  },
  {
    // torch/multi-step-lr.ts
    name: 'multiStepLR',
    config: { kind: 'multiStepLR', initialLearningRate: 0.1, milestones: [at(0.3), at(0.6), at(0.9)], gamma: 0.1 },
    baseline({ initialLearningRate, milestones, gamma }, out, n) {
      const sorted = Float64Array.from(milestones as number[]);
      for (let step = 0; step < n; step++) {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((sorted[mid] as number) <= step) lo = mid + 1;
          else hi = mid;
        }
        out[step] = initialLearningRate * gamma ** lo;
      }
    },
  },
  {
    // torch/cosine-annealing-warm-restarts.ts (tMult != 1)
    name: 'cosineAnnealingWarmRestarts',
    config: { kind: 'cosineAnnealingWarmRestarts', initialLearningRate: 0.1, t0: at(0.01), tMult: 2, etaMin: 0.001 },
    baseline({ initialLearningRate, t0, tMult, etaMin }, out, n) {
      const half = (initialLearningRate - etaMin) / 2;
      const perStep = (tMult - 1) / t0;
      const logMult = Math.log(tMult);
      for (let step = 0; step < n; step++) {
        let k = Math.floor(Math.log1p(step * perStep) / logMult);
        let start = (t0 * (tMult ** k - 1)) / (tMult - 1);
        if (start > step) start = (t0 * (tMult ** --k - 1)) / (tMult - 1);
        else {
          const next = (t0 * (tMult ** (k + 1) - 1)) / (tMult - 1);
          if (next <= step) {
            k++;
            start = next;
          }
        }
        out[step] = etaMin + half * (1 + Math.cos((Math.PI * (step - start)) / (t0 * tMult ** k)));
      }
    },
  },
  {
    // torch/one-cycle-lr.ts (cos, two phases)
    name: 'oneCycleLR',
    config: {
      kind: 'oneCycleLR',
      maxLr: 0.1,
      totalSteps: steps,
      pctStart: 0.3,
      annealStrategy: 'cos',
      divFactor: 25,
      finalDivFactor: 1e4,
      threePhase: false,
    },
    baseline({ maxLr, totalSteps, pctStart, divFactor, finalDivFactor }, out, n) {
      const initialLr = maxLr / divFactor;
      const minLr = initialLr / finalDivFactor;
      const last = totalSteps - 1;
      const end1 = pctStart * totalSteps - 1;
      const final = minLr + ((maxLr - minLr) / 2) * (1 + Math.cos(Math.PI * ((last - end1) / (last - end1))));
      for (let step = 0; step < n; step++) {
        if (step >= last) out[step] = final;
        else if (step <= end1) out[step] = maxLr + ((initialLr - maxLr) / 2) * (1 + Math.cos(Math.PI * (step / end1)));
        else out[step] = minLr + ((maxLr - minLr) / 2) * (1 + Math.cos(Math.PI * ((step - end1) / (last - end1))));
      }
    },
  },
  {
    // torch/cyclic-lr.ts (triangular2)
    name: 'cyclicLR (triangular2)',
    config: { kind: 'cyclicLR', baseLr: 0.001, maxLr: 0.1, stepSizeUp: at(0.05), stepSizeDown: null, mode: 'triangular2', gamma: 1 },
    baseline({ baseLr, maxLr, stepSizeUp }, out, n) {
      const up = stepSizeUp;
      const down = stepSizeUp;
      const total = up + down;
      const amplitude = maxLr - baseLr;
      for (let step = 0; step < n; step++) {
        const r = step % total;
        const height = r <= up ? r / up : (total - r) / down;
        out[step] = baseLr + (amplitude * height) / 2 ** Math.round((step - r) / total);
      }
    },
  },
  {
    // transformers/cosine-with-warmup.ts (Hugging Face get_cosine_schedule_with_warmup)
    name: 'cosineWithWarmup',
    config: { kind: 'cosineWithWarmup', initialLearningRate: 0.1, numWarmupSteps: at(0.05), numTrainingSteps: steps, numCycles: 0.5 },
    baseline({ initialLearningRate, numWarmupSteps, numTrainingSteps, numCycles }, out, n) {
      const warmupDenominator = Math.max(1, numWarmupSteps);
      const decayDenominator = Math.max(1, numTrainingSteps - numWarmupSteps);
      const angularRate = Math.PI * numCycles * 2;
      for (let step = 0; step < n; step++) {
        if (step < numWarmupSteps) out[step] = initialLearningRate * (step / warmupDenominator);
        else {
          const progress = (step - numWarmupSteps) / decayDenominator;
          out[step] = initialLearningRate * Math.max(0, 0.5 * (1 + Math.cos(angularRate * progress)));
        }
      }
    },
  },
  {
    // transformers/warmup-stable-decay.ts (linear warmup, cosine decay)
    name: 'warmupStableDecay',
    config: {
      kind: 'warmupStableDecay',
      initialLearningRate: 0.1,
      numWarmupSteps: at(0.05),
      numStableSteps: at(0.75),
      numDecaySteps: at(0.1),
      warmupType: 'linear',
      decayType: 'cosine',
      minLrRatio: 0.01,
      numCycles: 0.5,
    },
    baseline({ initialLearningRate: lr, numWarmupSteps: warmup, numStableSteps: stable, numDecaySteps: decay, minLrRatio: floor, numCycles }, out, n) {
      const decayStart = warmup + stable;
      const decayEnd = decayStart + decay;
      const warmupDenominator = Math.max(1, warmup);
      const decayDenominator = Math.max(1, decay);
      const angularRate = Math.PI * numCycles * 2;
      for (let step = 0; step < n; step++) {
        if (step < warmup) out[step] = lr * Math.max(0, (step / warmupDenominator) * (1 - floor) + floor);
        else if (step < decayStart) out[step] = lr;
        else if (step < decayEnd) {
          const fall = 0.5 * (1 + Math.cos(angularRate * ((step - decayStart) / decayDenominator)));
          out[step] = lr * Math.max(0, fall * (1 - floor) + floor);
        } else out[step] = lr * floor;
      }
    },
  },
  {
    // combinators/warmup.ts around tensorflow/cosine-decay.ts
    name: 'warmup (linear) + cosineDecay',
    config: { kind: 'warmup', warmupSteps: at(0.1), startLearningRate: 0, shape: 'linear', schedule: cosine },
    baseline({ warmupSteps, startLearningRate: start, schedule }, out, n) {
      const { initialLearningRate, decaySteps, alpha } = schedule as Config;
      const halfSpan = 0.5 * (1 - alpha);
      const target = initialLearningRate; // cosineDecay at step 0
      for (let step = 0; step < n; step++) {
        if (step < warmupSteps) out[step] = start + (target - start) * (step / warmupSteps);
        else {
          const t = step - warmupSteps;
          out[step] = initialLearningRate * (halfSpan * (1 + Math.cos((Math.PI * Math.min(t, decaySteps)) / decaySteps)) + alpha);
        }
      }
    },
  },
  {
    // combinators/sequence.ts joining tensorflow/exponential-decay.ts and tensorflow/cosine-decay.ts
    name: 'sequence (exponentialDecay, cosineDecay)',
    config: {
      kind: 'sequence',
      schedules: [{ kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: at(0.1), decayRate: 0.96, staircase: false }, cosine],
      boundaries: [at(0.5)],
    },
    baseline({ schedules, boundaries }, out, n) {
      const [first, second] = schedules as [Config, Config];
      const { initialLearningRate: lr1, decaySteps: decay1, decayRate } = first;
      const { initialLearningRate: lr2, decaySteps: decay2, alpha } = second;
      const boundary = (boundaries as number[])[0] as number;
      const halfSpan = 0.5 * (1 - alpha);
      for (let step = 0; step < n; step++) {
        if (step < boundary) out[step] = lr1 * decayRate ** (step / decay1);
        else {
          const t = step - boundary;
          out[step] = lr2 * (halfSpan * (1 + Math.cos((Math.PI * Math.min(t, decay2)) / decay2)) + alpha);
        }
      }
    },
  },
];

export function run(): Suite {
  const rows: Row[] = [];
  const notes: string[] = [`${steps.toLocaleString('en')} steps per call; output buffers preallocated for both sides.`];
  const ours = new Float64Array(steps);
  const theirs = new Float64Array(steps);
  const range = { start: 0, stop: steps };
  for (const family of families) {
    if (only !== '' && family.name !== only) continue;
    const schedule = fromConfig(parseScheduleConfig(family.config));
    evaluate(schedule, range, ours);
    family.baseline(family.config, theirs, steps);
    const difference = maxRelativeDifference(ours, theirs);
    const row = compare(
      family.name,
      () => evaluate(schedule, range, ours),
      () => family.baseline(family.config, theirs, steps),
    );
    if (difference > 1e-9) row.note = `values differ from the baseline (max rel. ${difference.toExponential(1)})`;
    rows.push(row);
  }
  return { title: 'core: evaluate() vs a hand-inlined loop', rows, notes };
}
