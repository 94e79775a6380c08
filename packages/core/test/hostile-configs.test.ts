import { describe, expect, it } from 'vitest';
import { AnnealError, fromConfig, type Schedule, type ScheduleConfigInput, parseScheduleConfig } from '@anneal/core';

// The reproductions of issue 9 ("Schedules that return NaN or Infinity for valid configs"), each
// now finite and >= 0 (saturating at Number.MAX_VALUE where a schedule grows), or refused with
// the rule in the message where no finite schedule could follow the options.
const finiteAt = (lr: Schedule, steps: readonly number[]) => {
  for (const step of steps) {
    const value = lr(step);
    if (!(Number.isFinite(value) && value >= 0)) expect.fail(`${value} at step ${step}`);
  }
};
const far = [0, 1, 3, 1000, 1100, 1e12, 1e300, 1e308, Number.MAX_VALUE];

describe('configs that used to give NaN or Infinity', () => {
  it('exponentialDecay from 0 with a growing rate stays 0 (0 · ∞ was NaN), as does warmupExponentialDecay from a peak of 0', () => {
    const lr = fromConfig({ kind: 'exponentialDecay', initialLearningRate: 0, decaySteps: 1, decayRate: 2 });
    expect(lr(1100)).toBe(0);
    const optax = fromConfig({ kind: 'warmupExponentialDecay', initValue: 0, peakValue: 0, warmupSteps: 0, transitionSteps: 1, decayRate: 2, endValue: 1 });
    expect(optax(1100)).toBe(0);
  });

  it('growing schedules saturate at Number.MAX_VALUE: multiStepLR, a product of growing stepLRs, timmCosine with cycleDecay 2', () => {
    expect(fromConfig({ kind: 'multiStepLR', initialLearningRate: 1, milestones: [1, 2, 3], gamma: 1e200 })(3)).toBe(Number.MAX_VALUE);
    const growing = { kind: 'stepLR', initialLearningRate: 1, stepSize: 1, gamma: 2 } satisfies ScheduleConfigInput;
    expect(fromConfig({ kind: 'product', schedules: [growing, growing] })(1000)).toBe(Number.MAX_VALUE);
    // ... and a later factor 0 still gives 0 (not ∞ · 0).
    const zero = { kind: 'constant', initialLearningRate: 0 } satisfies ScheduleConfigInput;
    expect(fromConfig({ kind: 'product', schedules: [growing, growing, zero] })(1000)).toBe(0);
    const timm = fromConfig({ kind: 'timmCosine', initialLearningRate: 1, tInitial: 1, cycleDecay: 2, cycleLimit: 1e9 });
    expect(timm(2000)).toBe(Number.MAX_VALUE);
    finiteAt(timm, far);
  });

  it('restart schedules stay finite with a huge multiplier or step: cosineDecayRestarts tMul 1e308, cosineAnnealingWarmRestarts tMult 2^53 − 1', () => {
    finiteAt(fromConfig({ kind: 'cosineDecayRestarts', initialLearningRate: 1, firstDecaySteps: 1, tMul: 1e308 }), far);
    finiteAt(fromConfig({ kind: 'cosineAnnealingWarmRestarts', initialLearningRate: 1, t0: 1, tMult: 2 }), far);
    finiteAt(fromConfig({ kind: 'cosineAnnealingWarmRestarts', initialLearningRate: 1, t0: 1, tMult: 2 ** 53 - 1 }), far);
  });

  it('cosines stay finite at steps near 1e308: cosineDecay, cosineWithWarmup, cosineWithMinLr, cyclicLR', () => {
    finiteAt(fromConfig({ kind: 'cosineDecay', initialLearningRate: 1, decaySteps: 1e308 }), far);
    finiteAt(fromConfig({ kind: 'cosineWithWarmup', initialLearningRate: 1, numWarmupSteps: 0, numTrainingSteps: 1 }), far);
    finiteAt(fromConfig({ kind: 'cosineWithMinLr', initialLearningRate: 1, numWarmupSteps: 0, numTrainingSteps: 1, minLrRate: 0.1 }), far);
    finiteAt(fromConfig({ kind: 'cyclicLR', baseLr: 0.1, maxLr: 1, stepSizeUp: 1e307, mode: 'triangular2' }), far);
    finiteAt(fromConfig({ kind: 'cyclicLR', baseLr: 0.1, maxLr: 1, stepSizeUp: 2, mode: 'exp_range', gamma: 0.99 }), far);
  });

  it('linearCosineDecay with a subnormal decaySteps is finite at step 0', () => {
    finiteAt(fromConfig({ kind: 'linearCosineDecay', initialLearningRate: 1, decaySteps: 5e-324 }), far);
  });

  it('an exponential warmup from a subnormal rate ramps finitely; shifting twice by −1e308 saturates the step', () => {
    const ramp = fromConfig({ kind: 'warmup', warmupSteps: 10, shape: 'exponential', startLearningRate: 1e-310, schedule: { kind: 'constant', initialLearningRate: 1 } });
    finiteAt(ramp, [0, 1, 5, 9.99, 10]);
    expect(ramp(5)).toBeCloseTo(Math.sqrt(1e-310), 160);
    const shifted = fromConfig({
      kind: 'shift',
      steps: -1e308,
      schedule: { kind: 'shift', steps: -1e308, schedule: { kind: 'cosineDecay', initialLearningRate: 1, decaySteps: 1e308, alpha: 0.5 } },
    });
    finiteAt(shifted, far);
    expect(shifted(Number.MAX_VALUE)).toBe(0.5);
  });

  it('refuses options no finite schedule can follow, naming the rule: oneCycleLR divFactor 1e-310, cyclicLR an infinite cycle', () => {
    const refuse = (config: unknown, rule: RegExp) => {
      let caught: unknown;
      try {
        fromConfig(parseScheduleConfig(config));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AnnealError);
      expect((caught as AnnealError).message).toMatch(rule);
    };
    refuse({ kind: 'oneCycleLR', maxLr: 1, totalSteps: 100, divFactor: 1e-310 }, /divFactor: must keep the start rate maxLr \/ divFactor/);
    refuse({ kind: 'cyclicLR', baseLr: 0, maxLr: 1, stepSizeUp: 1e308, stepSizeDown: 1e308 }, /stepSizeUp: must keep the cycle length/);
    refuse({ kind: 'linearCosineDecay', initialLearningRate: 1e308, decaySteps: 1, beta: 1e308 }, /initialLearningRate: must keep the peak rate/);
    refuse({ kind: 'cosineWithWarmup', initialLearningRate: 1, numWarmupSteps: 0, numTrainingSteps: 1, numCycles: 1e308 }, /numCycles: must keep the angular rate/);
  });
});
