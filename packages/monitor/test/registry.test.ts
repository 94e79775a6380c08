import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { AnnealError } from '@anneal/core';
import {
  builtinRules,
  createDefaultRegistry,
  createMonitor,
  createRegistry,
  defineRule,
  earlyStop,
  greedy,
  nanGuard,
  type PlateauOptions,
  plateau,
  type RuleContext,
  severityDrop,
  type SeverityDropOptions,
  warmRestart,
} from '@anneal/monitor';

function configError(run: () => unknown): AnnealError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnnealError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('the built-in rules, one by one', () => {
  it('are exported by name, the same definitions the default registry holds', () => {
    expect(builtinRules).toEqual([plateau, severityDrop, warmRestart, nanGuard, earlyStop, greedy]);
    expect(builtinRules.map((rule) => rule.kind)).toEqual(['plateau', 'severityDrop', 'warmRestart', 'nanGuard', 'earlyStop', 'greedy']);
    const registry = createDefaultRegistry();
    for (const rule of builtinRules) expect(registry.get(rule.kind)).toBe(rule);
  });

  it('build a registry of just the rules a project allows; the config is validated against it', () => {
    const registry = createRegistry([plateau, earlyStop]);
    const monitor = createMonitor(
      { initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'plateau', patience: 0 }, { kind: 'earlyStop', patience: 3 }] },
      { registry },
    );
    monitor.observe({ metrics: { loss: 1 } });
    monitor.observe({ metrics: { loss: 1 } }); // the 1st bad evaluation > patience 0 → drop ×0.1
    expect(monitor.lr).toBeCloseTo(0.01, 15);

    const error = configError(() =>
      // @ts-expect-error the registry's type knows only plateau and earlyStop
      createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'severityDrop' }] }, { registry }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.path).toBe('rules[0].kind');
    expect(error.message).toMatch(/'plateau' \| 'earlyStop'/);
  });

  it('refuse a second rule of the same kind in one registry; register returns a disposer', () => {
    const registry = createRegistry([plateau]);
    const error = configError(() => registry.register(plateau));
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.path).toBe('kind');
    expect(error.message).toBe('Invalid rule definition: kind: must be unique in a registry (this kind is already registered) (got "plateau")');
    const dispose = registry.register(earlyStop);
    expect(registry.get('earlyStop')).toBe(earlyStop);
    dispose();
    expect(registry.get('earlyStop')).toBeUndefined();
    expect(registry.list()).toEqual([plateau]);
  });

  it('keep registries apart: registering on one leaves the others and the default untouched', () => {
    const custom = defineRule({ kind: 'never', schema: z.object({}), init: () => null, onObservation: ({ state }) => ({ state }) });
    const one = createDefaultRegistry();
    one.register(custom);
    expect(createDefaultRegistry().get('never')).toBeUndefined();
    // @ts-expect-error not a built-in rule
    expect(() => createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'never' }] })).toThrow(AnnealError);
    // Registered at run time, which the registry's type cannot follow.
    expect(() => createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'never' }] } as never, { registry: one })).not.toThrow();
  });
});

describe('defineRule types', () => {
  it('infers the options of init and onObservation from the zod schema, defaults applied', () => {
    const rule = defineRule({
      kind: 'spike',
      schema: z.object({ limit: z.number(), factor: z.number().default(0.5), label: z.string().optional() }),
      init: (options) => {
        expectTypeOf(options).toEqualTypeOf<{ limit: number; factor: number; label?: string | undefined }>();
        return { seen: 0 };
      },
      onObservation: ({ options, state, ctx }) => {
        expectTypeOf(options.factor).toEqualTypeOf<number>(); // defaulted: never undefined
        expectTypeOf(state).toEqualTypeOf<{ seen: number }>();
        expectTypeOf(ctx).toEqualTypeOf<RuleContext>();
        // @ts-expect-error: not an option of this rule
        void options.patience;
        return { state: { seen: state.seen + 1 } };
      },
    });
    expectTypeOf(rule.kind).toEqualTypeOf<'spike'>();
    expect(rule.init({ limit: 1, factor: 0.5 })).toEqual({ seen: 0 });
  });

  it('types the built-in rules’ options from their schemas', () => {
    expectTypeOf<PlateauOptions['compat']>().toEqualTypeOf<'anneal' | 'torch' | 'keras'>();
    expectTypeOf<PlateauOptions['patience']>().toEqualTypeOf<number>();
    expectTypeOf<SeverityDropOptions['thresholdMode']>().toEqualTypeOf<'rel' | 'abs'>();
    expectTypeOf(plateau.kind).toEqualTypeOf<'plateau'>();
    expect(plateau.schema.parse({})).toMatchObject({ patience: 10, factor: 0.1, threshold: 1e-4, cooldown: 0, eps: 1e-8 });
  });
});
