import { describe, expectTypeOf, it } from 'vitest';
import { clamp, exponentialDecay, sequence, type Schedule, type ScheduleConfig, type ScheduleConfigInput, type ScheduleKind } from '@anneal/core';

// Checked by `pnpm typecheck` (tsc): each @ts-expect-error line must be an error, or tsc fails.
// The config types come from the one kind list, combinators included, precise at every depth.
describe('ScheduleConfig and ScheduleConfigInput, derived from the kind list', () => {
  it('accept a nested config and refuse a misspelt option, an unknown kind or a wrong enum value at any depth', () => {
    const ok: ScheduleConfigInput = {
      kind: 'warmup',
      warmupSteps: 5,
      schedule: {
        kind: 'sequence',
        boundaries: [3],
        schedules: [{ kind: 'constant', initialLearningRate: 1 }, { kind: 'clamp', schedule: { kind: 'stepLR', initialLearningRate: 1, stepSize: 2 } }],
      },
    };
    // @ts-expect-error stepSiz is not an option of stepLR (two levels down)
    const misspelt: ScheduleConfigInput = { kind: 'warmup', warmupSteps: 5, schedule: { kind: 'clamp', schedule: { kind: 'stepLR', initialLearningRate: 1, stepSiz: 2 } } };
    // @ts-expect-error stepLr is not a kind
    const unknownKind: ScheduleConfigInput = { kind: 'product', schedules: [{ kind: 'stepLr', initialLearningRate: 1, stepSize: 2 }] };
    // @ts-expect-error cubic is not a warmup shape
    const badShape: ScheduleConfigInput = { kind: 'warmup', warmupSteps: 5, shape: 'cubic', schedule: { kind: 'constant', initialLearningRate: 1 } };
    // @ts-expect-error a validated config has its defaults filled in (clamp's min)
    const missingDefault: ScheduleConfig = { kind: 'clamp', schedule: { kind: 'constant', initialLearningRate: 1 } };
    void [ok, misspelt, unknownKind, badShape, missingDefault];
  });

  it('narrow on kind, children included', () => {
    const minOf = (config: ScheduleConfig) => (config.kind === 'clamp' ? config.min : config.kind === 'sequence' ? config.schedules.length : 0);
    expectTypeOf(minOf).returns.toEqualTypeOf<number>();
    expectTypeOf<Extract<ScheduleConfig, { kind: 'product' }>['schedules']>().toEqualTypeOf<ScheduleConfig[]>();
    expectTypeOf<'clamp'>().toMatchTypeOf<ScheduleKind>();
  });

  it('type the combinator factories with schedule functions as children', () => {
    const s = exponentialDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.5 });
    expectTypeOf(clamp({ schedule: s, min: 0.1 })).toEqualTypeOf<Schedule>();
    expectTypeOf(sequence).parameter(0).toHaveProperty('schedules').toEqualTypeOf<Schedule[]>();
    // A type check only (never called: it would throw INVALID_OPTIONS at run time).
    // @ts-expect-error a factory takes a schedule function, not a config
    const configChild = () => clamp({ schedule: { kind: 'constant', initialLearningRate: 1 } });
    void configChild;
  });
});
