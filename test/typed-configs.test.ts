// Type tests (issue 8): configs are checked by the compiler. Every `@ts-expect-error` line
// below must be a type error, or `pnpm typecheck` (tsc over test/) fails; the runtime part
// only checks that the valid configs are valid at run time too.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import { fromConfig, parseScheduleConfig, type Schedule, type ScheduleConfig, type ScheduleConfigInput } from '@anneal/core';
import { createLoopScheduler } from '@anneal/loop';
import {
  createDefaultRegistry,
  createMonitor,
  createRegistry,
  defineRule,
  earlyStop,
  type MonitorConfig,
  type MonitorConfigInput,
  type Monitor,
  parseMonitorConfig,
  plateau,
} from '@anneal/monitor';
import { annealCallback } from '@anneal/tfjs';

tf.env().set('PROD', true);

const targetReached = defineRule({
  kind: 'targetReached',
  schema: z.strictObject({ target: z.number(), times: z.number().int().min(1).default(1) }),
  init: () => 0,
  onObservation: ({ state }) => ({ state }),
});

// Each body is type-checked but never run: the configs inside are wrong on purpose.
function neverCalled(_: () => void): void {}

describe('schedule configs (fromConfig)', () => {
  it('accepts literal configs at any depth, defaults optional', () => {
    const lr = fromConfig({
      kind: 'warmup',
      warmupSteps: 10,
      schedule: { kind: 'sequence', boundaries: [100], schedules: [{ kind: 'constant', initialLearningRate: 0.1 }, { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 10 }] },
    });
    expectTypeOf(lr).toEqualTypeOf<Schedule>();
    expect(lr(0)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a misspelt option, an unknown kind, a wrong type or enum value, at any depth', () => {
    neverCalled(() => {
      // @ts-expect-error misspelt option (alfa for alpha)
      fromConfig({ kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 10, alfa: 0 });
      // @ts-expect-error unknown kind
      fromConfig({ kind: 'cosineDecays', initialLearningRate: 0.1, decaySteps: 10 });
      // @ts-expect-error wrong value type
      fromConfig({ kind: 'cosineDecay', initialLearningRate: '0.1', decaySteps: 10 });
      // @ts-expect-error missing required option
      fromConfig({ kind: 'cosineDecay', initialLearningRate: 0.1 });
      // @ts-expect-error wrong enum value
      fromConfig({ kind: 'warmupStableDecay', initialLearningRate: 1e-3, numWarmupSteps: 1, numDecaySteps: 1, numStableSteps: 1, decayType: 'cube' });
      // @ts-expect-error misspelt option inside a combinator
      fromConfig({ kind: 'clamp', schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 10, alfa: 0 } });
      fromConfig({
        kind: 'product',
        // @ts-expect-error unknown kind two levels down
        schedules: [{ kind: 'shift', steps: 1, schedule: { kind: 'nope', initialLearningRate: 0.1 } }],
      });
    });
  });

  it('lets `any` through, and sends `unknown` through parseScheduleConfig', () => {
    const parsed: unknown = JSON.parse('{"kind":"constant","initialLearningRate":0.1}');
    // @ts-expect-error an unknown value must be parsed first
    neverCalled(() => fromConfig(parsed));
    const config = parseScheduleConfig(parsed);
    expectTypeOf(config).toEqualTypeOf<ScheduleConfig>();
    // biome-ignore lint: JSON.parse's any passes, as it does to any typed API.
    const loose: any = JSON.parse('{"kind":"constant","initialLearningRate":0.1}');
    expect(fromConfig(config)(5)).toBe(fromConfig(loose)(5));
    expectTypeOf<{ kind: 'constant'; initialLearningRate: number }>().toMatchTypeOf<ScheduleConfigInput>();
  });
});

describe('monitor configs (createMonitor, annealCallback, createLoopScheduler)', () => {
  const good = { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 5 }] } satisfies MonitorConfigInput;

  it('accepts a literal config of built-in rules', () => {
    expectTypeOf(createMonitor(good)).toEqualTypeOf<Monitor>();
    expect(createLoopScheduler(good).monitor.config.metric).toBe('val_loss');
    expect(annealCallback(good).monitor.config.rules).toHaveLength(1);
  });

  it('refuses an unknown rule kind, a misspelt rule option, a wrong enum, a misspelt top-level option, a bad schedule', () => {
    neverCalled(() => {
      // @ts-expect-error unknown rule kind
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateu' }] });
      // @ts-expect-error misspelt rule option
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateau', patiense: 5 }] });
      // @ts-expect-error wrong enum value
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateau', compat: 'pytorch' }] });
      // @ts-expect-error misspelt top-level option
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', minlr: 0 });
      // @ts-expect-error wrong value type
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', mode: 'minimize' });
      // @ts-expect-error misspelt option of the monitor's schedule
      createMonitor({ schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 10, alfa: 0 }, metric: 'loss' });
      // @ts-expect-error unknown rule kind, through the tfjs adapter
      annealCallback({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateu' }] });
      // @ts-expect-error misspelt rule option, through the loop adapter
      createLoopScheduler({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'earlyStop', patiense: 1 }] });
    });
  });

  it('with a registry, types the config with its rules, the user\'s included', () => {
    const registry = createDefaultRegistry([targetReached]);
    const withUserRule = { initialLearningRate: 0.1, metric: 'acc', rules: [{ kind: 'targetReached', target: 0.9 }] } as const;
    expect(createMonitor(withUserRule, { registry }).config.rules).toHaveLength(1);
    expect(createLoopScheduler(withUserRule, undefined, { registry }).monitor.config.rules).toHaveLength(1);
    expect(annealCallback(withUserRule, { registry }).monitor.config.rules).toHaveLength(1);
    const only = createRegistry([plateau, earlyStop]);
    neverCalled(() => {
      // @ts-expect-error the user's rule is unknown without its registry
      createMonitor(withUserRule);
      // @ts-expect-error misspelt option of the user's rule
      createMonitor({ initialLearningRate: 0.1, metric: 'acc', rules: [{ kind: 'targetReached', targt: 0.9 }] }, { registry });
      // @ts-expect-error wrong value type in the user's rule
      createMonitor({ initialLearningRate: 0.1, metric: 'acc', rules: [{ kind: 'targetReached', target: 'high' }] }, { registry });
      // @ts-expect-error a built-in rule this registry does not hold
      createMonitor({ initialLearningRate: 0.1, metric: 'acc', rules: [{ kind: 'nanGuard' }] }, { registry: only });
    });
  });

  it('types a user rule that takes no options (zod types its schema as Record<string, never>)', () => {
    const mark = defineRule({ kind: 'mark', schema: z.strictObject({}), init: () => 0, onObservation: ({ state }) => ({ state }) });
    const marker = defineRule({ kind: 'marker', schema: z.object({}), init: () => 0, onObservation: ({ state }) => ({ state }) });
    const registry = createDefaultRegistry([mark, marker]);
    const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'mark' }, { kind: 'marker', name: 'm2' }] }, { registry });
    expect(monitor.config.rules.map((rule) => rule.kind)).toEqual(['mark', 'marker']);
    neverCalled(() => {
      // @ts-expect-error an option the rule does not take
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'mark', every: 2 }] }, { registry });
    });
  });

  it('lets `any` through, and sends `unknown` through parseMonitorConfig', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(good));
    // @ts-expect-error an unknown value must be parsed first
    neverCalled(() => createMonitor(parsed));
    const config = parseMonitorConfig(parsed);
    expectTypeOf(config.mode).toEqualTypeOf<'min' | 'max'>();
    expectTypeOf(config).toMatchTypeOf<MonitorConfig>();
    expect(createMonitor(config).config.rules[0]).toMatchObject({ kind: 'plateau', patience: 5 });
    const withUser = parseMonitorConfig(JSON.parse('{"initialLearningRate":0.1,"metric":"acc","rules":[{"kind":"targetReached","target":0.9}]}'), createDefaultRegistry([targetReached]));
    expectTypeOf(withUser.rules[0]!.kind).toEqualTypeOf<'plateau' | 'severityDrop' | 'warmRestart' | 'nanGuard' | 'earlyStop' | 'greedy' | 'targetReached'>();
  });
});
