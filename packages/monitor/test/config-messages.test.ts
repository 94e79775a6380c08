import { describe, expect, it } from 'vitest';
import { AnnealError } from '@anneal/core';
import * as z from 'zod';
import { createDefaultRegistry, createMonitor, defineRule, parseMonitorConfig, type RuleRegistry } from '@anneal/monitor';

const above = defineRule({
  kind: 'above',
  schema: z.strictObject({ limit: z.number() }),
  init: () => null,
  onObservation: ({ state }) => ({ state }),
});

function configError(input: unknown, registry: RuleRegistry = createDefaultRegistry()): AnnealError {
  try {
    parseMonitorConfig(input, registry);
  } catch (error) {
    if (AnnealError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an AnnealError');
}

const base = { initialLearningRate: 0.1, metric: 'val_loss' };

describe('monitor config messages say what was meant', () => {
  it('a misspelt rule kind', () => {
    const error = configError({ ...base, rules: [{ kind: 'plateu' }] });
    expect(error.path).toBe('rules[0].kind');
    expect(error.message).toBe('Invalid monitor config: rules[0].kind: is not a rule kind; did you mean "plateau"? (got "plateu")');
  });

  it('a misspelt rule option and a misspelt top-level option', () => {
    expect(configError({ ...base, rules: [{ kind: 'plateau', patiense: 5 }] }).message).toBe(
      'Invalid monitor config: rules[0].patiense: is not a known option; did you mean "patience"? (got 5)',
    );
    expect(configError({ ...base, min_lr: 0.001 }).message).toMatch(/min_lr: is not a known option; did you mean "minLr"\?/);
  });

  it("Keras's min_delta in a plateau rule points at threshold with thresholdMode abs", () => {
    for (const name of ['min_delta', 'minDelta']) {
      const error = configError({ ...base, rules: [{ kind: 'plateau', [name]: 0.01 }] });
      expect(error.path).toBe(`rules[0].${name}`);
      expect(error.message).toContain('threshold with thresholdMode: "abs"');
    }
    // earlyStop spells it minDelta itself.
    expect(configError({ ...base, rules: [{ kind: 'earlyStop', min_delta: 0.01 }] }).message).toContain('use minDelta');
  });

  it("an unknown option named like an Object.prototype member gets no pointer from Object.prototype", () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const input = JSON.parse(`{"initialLearningRate":0.1,"metric":"val_loss","rules":[{"kind":"plateau","${name}":1}]}`);
      expect(configError(input).message).toBe(`Invalid monitor config: rules[0].${name}: is not a known option (misspelt?) (got 1)`);
    }
  });

  it('a custom rule: its kind and options are known to the messages too', () => {
    const registry = createDefaultRegistry([above]);
    expect(configError({ ...base, rules: [{ kind: 'abov', limit: 1 }] }, registry).message).toContain('did you mean "above"?');
    expect(configError({ ...base, rules: [{ kind: 'above', limt: 1 }] }, registry).message).toContain('did you mean "limit"?');
  });

  it('a config nested 10 000 deep is refused before zod walks it', () => {
    let schedule: unknown = { kind: 'constant', initialLearningRate: 0.1 };
    for (let i = 0; i < 10_000; i++) schedule = { kind: 'clamp', schedule };
    const error = configError({ metric: 'loss', schedule });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).toMatch(/must not nest more than 100 levels deep/);
    expect(() => createMonitor({ metric: 'loss', schedule } as never)).toThrow(/more than 100 levels/);
  });
});

describe('parseMonitorConfig', () => {
  it('returns the validated config, defaults filled in, ready for createMonitor', () => {
    const json: unknown = JSON.parse('{"initialLearningRate":0.1,"metric":"val_loss","rules":[{"kind":"plateau","patience":2}]}');
    const config = parseMonitorConfig(json);
    expect(config.mode).toBe('min');
    expect(config.rules[0]).toMatchObject({ kind: 'plateau', patience: 2, factor: 0.1 });
    expect(createMonitor(config).config.metric).toBe('val_loss');
  });
});
