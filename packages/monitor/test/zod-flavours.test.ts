import { AnnealError, cosineDecay } from '@anneal/core';
import { createMonitor, createRegistry, defineRule, monitorJsonSchema, plateau } from '@anneal/monitor';
import { describe, expect, it } from 'vitest';
import * as classic from 'zod';
import * as mini from 'zod/mini';

// The library's schemas are zod/mini (issue 8's browser budget); users write rule plugins
// with classic zod (the README, examples/custom-rule) or with zod/mini. Both must work.

const classicRule = defineRule({
  kind: 'classicTarget',
  schema: classic.strictObject({ times: classic.number().int().min(1, 'must be >= 1').default(2) }),
  stateSchema: classic.object({ hits: classic.number().int().nonnegative() }),
  init: () => ({ hits: 0 }),
  onObservation: ({ options, state, ctx }) => ({ state: { hits: ctx.value < 1 && state.hits < options.times ? state.hits + 1 : 0 } }),
});

const miniRule = defineRule({
  kind: 'miniTarget',
  schema: mini.strictObject({ times: mini._default(mini.number().check(mini.int(), mini.gte(1, 'must be >= 1')), 2) }),
  stateSchema: mini.object({ hits: mini.number().check(mini.int(), mini.nonnegative()) }),
  init: () => ({ hits: 0 }),
  onObservation: ({ options, state, ctx }) => ({ state: { hits: ctx.value < 1 && state.hits < options.times ? state.hits + 1 : 0 } }),
});

const registry = createRegistry([plateau, classicRule, miniRule]);

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AnnealError);
    return (error as AnnealError).message;
  }
  throw new Error('expected an AnnealError');
}

describe('rule plugins written with classic zod or zod/mini', () => {
  it('validate their options alike, defaults included', () => {
    for (const kind of ['classicTarget', 'miniTarget'] as const) {
      const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind }] }, { registry });
      expect(monitor.config.rules[0]).toEqual({ kind, times: 2 });
      expect(messageOf(() => createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind, times: 0 }] }, { registry }))).toBe(
        'Invalid monitor config: rules[0].times: must be >= 1 (got 0)',
      );
      expect(messageOf(() => createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind, tims: 3 } as never] }, { registry }))).toBe(
        'Invalid monitor config: rules[0].tims: is not a known option; did you mean "times"? (got 3)',
      );
    }
  });

  it('check their state in snapshots alike, with zod\'s English messages', () => {
    for (const kind of ['classicTarget', 'miniTarget'] as const) {
      const config = { initialLearningRate: 0.1, metric: 'loss', rules: [{ kind }] } as const;
      const monitor = createMonitor(config, { registry });
      monitor.observe({ step: 1, metrics: { loss: 0.5 } });
      const snapshot = JSON.parse(JSON.stringify(monitor.snapshot()));
      expect(createMonitor(config, { registry, restore: snapshot }).state.rules).toEqual([{ hits: 1 }]);
      snapshot.state.rules[0].hits = 'one';
      expect(messageOf(() => createMonitor(config, { registry, restore: snapshot }))).toContain(
        'state.rules[0].hits: Invalid input: expected number, received string (got "one")',
      );
    }
  });

  it('appear in the JSON Schema alike', () => {
    const defs = JSON.stringify(monitorJsonSchema(registry));
    for (const kind of ['classicTarget', 'miniTarget']) expect(defs).toContain(`"const":"${kind}"`);
  });
});

describe('zod/mini loads no locale', () => {
  it('so anneal passes zod\'s English messages on every parse, whatever the global config holds', () => {
    const saved = mini.config().localeError;
    mini.config({ localeError: undefined });
    try {
      expect(messageOf(() => cosineDecay({ initialLearningRate: 'x' as never, decaySteps: 10 }))).toBe(
        'Invalid cosineDecay options: initialLearningRate: Invalid input: expected number, received string (got "x")',
      );
      expect(messageOf(() => createMonitor({ initialLearningRate: 0.1, metric: 'loss', mode: 'mn' as never }))).toBe(
        'Invalid monitor config: mode: Invalid option: expected one of "min"|"max" (got "mn")',
      );
    } finally {
      mini.config({ localeError: saved });
    }
  });
});
