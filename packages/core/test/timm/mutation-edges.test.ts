import { describe, expect, it } from 'vitest';
import { timmCosine } from '@anneal/core';

// Survivor of `pnpm mutate schedules:timm` (docs/benchmarks.md). timm
// timm/scheduler/cosine_lr.py: lr_max = base · cycle_decay ** i, then
// lr_min + ½(lr_max − lr_min)(1 + cos(π · t_curr^k / t_i^k)). From a base of 0 the peak is
// 0 · 2^i = 0 for every cycle i (Python raises OverflowError on 2.0 ** 2000 instead).
describe('timm cosine: edges', () => {
  it('from a base rate of 0 with a growing cycleDecay stays at lrMin, even where 2^i overflows', () => {
    const lr = timmCosine({ initialLearningRate: 0, tInitial: 1, cycleDecay: 2, cycleLimit: 100_000 });
    expect([0, 0.5, 3.5, 2000.5].map(lr)).toEqual([0, 0, 0, 0]);
  });
});
