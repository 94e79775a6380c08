import { describe, expect, it } from 'vitest';
import * as core from '@anneal/core';

// The ten closed-form classes of torch.optim.lr_scheduler, as anneal kinds.
const kinds = [
  'stepLR',
  'multiStepLR',
  'constantLR',
  'linearLR',
  'exponentialLR',
  'polynomialLR',
  'cosineAnnealingLR',
  'cosineAnnealingWarmRestarts',
  'cyclicLR',
  'oneCycleLR',
];

// One valid config per kind; values checked against torch in each kind's own test file.
const configs: Record<string, Record<string, unknown>> = {
  stepLR: { initialLearningRate: 0.1, stepSize: 3 },
  multiStepLR: { initialLearningRate: 0.1, milestones: [2, 4] },
  constantLR: { initialLearningRate: 0.1 },
  linearLR: { initialLearningRate: 0.1 },
  exponentialLR: { initialLearningRate: 0.1, gamma: 0.9 },
  polynomialLR: { initialLearningRate: 0.1 },
  cosineAnnealingLR: { initialLearningRate: 0.1, tMax: 10 },
  cosineAnnealingWarmRestarts: { initialLearningRate: 0.1, t0: 10 },
  cyclicLR: { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4 },
  oneCycleLR: { maxLr: 0.1, totalSteps: 20 },
};

describe('torch schedule family', () => {
  it('lists every torch kind in torchSchedules, and in the global kind list', () => {
    expect(core.torchSchedules.map((definition) => definition.kind)).toEqual(kinds);
    for (const kind of kinds) expect(core.scheduleKinds).toContain(kind);
  });

  it.each(kinds)('exports the factory %s, which agrees with fromConfig', (kind) => {
    const factory = (core as unknown as Record<string, (options: unknown) => core.Schedule>)[kind];
    expect(typeof factory).toBe('function');
    const direct = factory?.(configs[kind]) as core.Schedule;
    const declared = core.fromConfig({ kind, ...configs[kind] } as core.ScheduleConfigInput);
    for (const t of [0, 1, 2.5, 7, 19, 1000]) expect(declared(t)).toBe(direct(t));
  });

  it('publishes every torch kind in the JSON Schema', () => {
    const text = JSON.stringify(core.scheduleJsonSchema());
    for (const kind of kinds) expect(text).toContain(`"${kind}"`);
  });
});
