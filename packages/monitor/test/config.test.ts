import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnnealError } from '@anneal/core';
import {
  compileMonitor,
  configFingerprint,
  createDefaultRegistry,
  createMonitor,
  defineRule,
  monitorConfigSchema,
  monitorJsonSchema,
} from '@anneal/monitor';

// The config example of the issue and the README, every top-level field spelled out.
const example = {
  initialLearningRate: 0.1,
  metric: 'val_loss',
  mode: 'min',
  minLr: 0,
  maxLr: null,
  onMissing: 'error',
  rules: [{ kind: 'plateau', patience: 2, factor: 0.5, compat: 'torch' }],
} as const;

function configError(config: unknown, registry = createDefaultRegistry()): AnnealError {
  try {
    compileMonitor(config, registry);
  } catch (error) {
    if (error instanceof AnnealError) return error;
    throw error;
  }
  throw new Error('the config was accepted');
}

/** Every `const` of a `kind` property anywhere in a JSON Schema. */
function kindsIn(schema: unknown): string[] {
  const kinds: string[] = [];
  JSON.stringify(schema, (key, value: unknown) => {
    if (key === 'kind' && typeof value === 'object' && value !== null && 'const' in value) {
      kinds.push(String((value as { const: unknown }).const));
    }
    return value;
  });
  return kinds;
}

describe('monitor config', () => {
  it('parses the documented example, every rule option defaulted as documented', () => {
    const { config } = compileMonitor(example);
    expect(config).toEqual({
      initialLearningRate: 0.1,
      metric: 'val_loss',
      mode: 'min',
      minLr: 0,
      maxLr: null,
      onMissing: 'error',
      rules: [{ kind: 'plateau', patience: 2, factor: 0.5, threshold: 1e-4, cooldown: 0, eps: 1e-8, compat: 'torch' }],
    });
  });

  it('fills mode "min", minLr 0, maxLr null, onMissing "error" and no rules when they are left out', () => {
    const { config, maxLr } = compileMonitor({ initialLearningRate: 0.1, metric: 'val_loss' });
    expect(config).toMatchObject({ mode: 'min', minLr: 0, maxLr: null, onMissing: 'error', rules: [] });
    expect(maxLr).toBe(Infinity);
  });

  it('runs the documented example: the rate drops on the (patience+1)-th bad evaluation, as torch ReduceLROnPlateau does', () => {
    // torch.optim.lr_scheduler.ReduceLROnPlateau(factor=0.5, patience=2): reduce when num_bad_epochs > 2.
    const monitor = createMonitor(example);
    const rates = [1, 1, 1, 1].map((val_loss) => {
      monitor.observe({ metrics: { val_loss } });
      return monitor.lr;
    });
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05]);
  });

  it('clamps every rate to [minLr, maxLr]; maxLr null leaves it unbounded above', () => {
    // A warm restart with mMul 4 sets scale = 4^1: the rate 0.1 · 4 is above a maxLr of 0.25.
    const rules = [{ kind: 'warmRestart', after: { drops: 1 }, mMul: 4 }, { kind: 'nanGuard', action: 'drop', factor: 0.1 }] as const;
    const feed = (bounds: object) => {
      const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'loss', rules, ...bounds });
      const rates = [1, Number.NaN, Number.NaN, 2].map((loss) => {
        monitor.observe({ metrics: { loss } });
        return monitor.lr;
      });
      return rates;
    };
    // 1 improves; NaN → nanGuard drops ×0.1; the next NaN is a bad evaluation after one
    // drop, so warmRestart restarts (beating nanGuard's drop) at scale 4; 2 changes nothing.
    expect(feed({ maxLr: null })).toEqual([0.1, 0.1 * 0.1, 0.4, 0.4]);
    expect(feed({ maxLr: 0.25 })).toEqual([0.1, 0.1 * 0.1, 0.25, 0.25]);
    expect(feed({ minLr: 0.05, maxLr: null })).toEqual([0.1, 0.05, 0.4, 0.4]);
  });

  it('takes exactly one of initialLearningRate or schedule', () => {
    expect(configError({ metric: 'loss' }).path).toBe('initialLearningRate');
    const both = configError({
      initialLearningRate: 0.1,
      schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
      metric: 'loss',
    });
    expect(both.code).toBe('INVALID_CONFIG');
    expect(both.path).toBe('schedule');
  });

  it('rejects a misspelt top-level key instead of ignoring the setting', () => {
    const error = configError({ initialLearningRate: 0.1, metric: 'loss', minlr: 0.01 });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.path).toBe('minlr');
    expect(error.message).toMatch(/minlr: is not a known option/);
  });

  it('accepts "$schema" for editors, without it changing the config or the fingerprint', () => {
    const plain = compileMonitor(example);
    const hinted = compileMonitor({ $schema: './monitor.schema.json', ...example });
    expect(hinted.config).toEqual(plain.config);
    expect(configFingerprint(hinted.config)).toBe(configFingerprint(plain.config));
    const monitor = createMonitor(example);
    monitor.observe({ metrics: { val_loss: 1 } });
    expect(() => createMonitor({ $schema: 'https://example.com/x.json', ...example }, { restore: monitor.snapshot() })).not.toThrow();
  });
});

describe('monitorJsonSchema', () => {
  const targetReached = defineRule({
    kind: 'targetReached',
    schema: z.strictObject({ target: z.number(), times: z.number().int().positive().default(1) }),
    init: () => ({ streak: 0 }),
    onObservation: ({ state }) => ({ state }),
  });

  it('is a draft 2020-12 JSON Schema with one union member per built-in rule kind', () => {
    const schema = monitorJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('anneal monitor config');
    expect(schema.required).toEqual(['metric']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['$schema', 'initialLearningRate', 'schedule', 'metric', 'mode', 'minLr', 'maxLr', 'onMissing', 'rules']),
    );
    const rules = (schema.properties as { rules: { items: { oneOf: unknown[] } } }).rules;
    expect(rules.items.oneOf).toHaveLength(6);
    expect(kindsIn(rules)).toEqual(['plateau', 'severityDrop', 'warmRestart', 'nanGuard', 'earlyStop', 'greedy']);
  });

  it('includes a user rule registered on the registry, with its options and defaults', () => {
    const registry = createDefaultRegistry();
    registry.register(targetReached);
    const schema = monitorJsonSchema(registry);
    expect(kindsIn(schema)).toContain('targetReached');
    const rules = (schema.properties as { rules: { items: { oneOf: Array<{ properties: Record<string, unknown> }> } } }).rules;
    const member = rules.items.oneOf.find((m) => (m.properties.kind as { const?: string }).const === 'targetReached');
    expect(member?.properties.target).toEqual({ type: 'number' });
    expect(member?.properties.times).toMatchObject({ type: 'integer', default: 1 });
    expect(kindsIn(monitorJsonSchema())).not.toContain('targetReached');
  });

  it('is the JSON Schema of monitorConfigSchema for the same registry', () => {
    const registry = createDefaultRegistry();
    registry.register(targetReached);
    const direct = z.toJSONSchema(monitorConfigSchema(registry), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const { title: _title, description: _description, ...rest } = monitorJsonSchema(registry);
    expect(rest).toEqual(direct);
  });
});
