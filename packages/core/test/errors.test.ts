import { describe, expect, it, vi } from 'vitest';
import {
  AnnealError,
  checkDepth,
  cosineDecay,
  describeValue,
  didYouMean,
  evaluate,
  fromConfig,
  maxConfigDepth,
  maxListedIssues,
  maxStepsLength,
  parseScheduleConfig,
  run,
  stepsToArray,
} from '@anneal/core';
import { expectRejected } from './support.js';

/** A value nested `depth` levels deep: `[[[…]]]` or `{ a: { a: … } }`, built without recursion. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('AnnealError', () => {
  it('formats every message from its issues: path, rule, value', () => {
    const error = new AnnealError('INVALID_STEPS', { subject: 'steps', issues: [{ path: '[2]', value: -5, rule: 'must be >= 0' }] });
    expect(error.message).toBe('Invalid steps: [2]: must be >= 0 (got -5)');
    expect(error.path).toBe('[2]');
  });

  it('caps the list of problems in its message, and keeps every issue for programs', () => {
    const issues = Array.from({ length: 5000 }, (_, i) => ({ path: `[${i}]`, value: -1, rule: 'must be >= 0' }));
    const error = new AnnealError('INVALID_CONFIG', { subject: 'config', issues });
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(1 + maxListedIssues + 1);
    expect(lines.at(-1)).toBe(`  - and ${5000 - maxListedIssues} more`);
    expect(error.issues).toHaveLength(5000);
  });

  it('caps the list of a config with thousands of bad values (issue 9: 5 002 lines before)', () => {
    const config = { kind: 'piecewiseConstant', boundaries: [1], values: Array.from({ length: 5000 }, () => -1) };
    const error = thrown(() => parseScheduleConfig(config)) as AnnealError;
    expect(error.message.split('\n').length).toBeLessThanOrEqual(maxListedIssues + 2);
    expect(error.message).toMatch(/and \d+ more$/);
  });

  it('keeps the cause of a wrapped error', () => {
    const cause = new Error('EACCES');
    expect(new AnnealError('IO', 'Cannot read "x"', [], { cause }).cause).toBe(cause);
    expect(new AnnealError('IO', { subject: 'file', issues: [], cause }).cause).toBe(cause);
  });

  it('is recognised across module copies (AnnealError.is and instanceof), by a registered brand', async () => {
    vi.resetModules();
    const copy = (await import('../src/errors.js')) as typeof import('../src/errors.js');
    expect(copy.AnnealError).not.toBe(AnnealError);
    const foreign = new copy.AnnealError('IO', 'Cannot read "x"');
    expect(AnnealError.is(foreign)).toBe(true);
    expect(foreign instanceof AnnealError).toBe(true);
    expect(new AnnealError('USAGE', 'x') instanceof copy.AnnealError).toBe(true);
    expect(AnnealError.is(new Error('x'))).toBe(false);
    expect(new Error('x') instanceof AnnealError).toBe(false);
    expect(AnnealError.is(null)).toBe(false);
  });
});

describe('did you mean', () => {
  it('names the kind meant by a misspelt one', () => {
    const error = expectRejected(() => parseScheduleConfig({ kind: 'cosineDecays', initialLearningRate: 1, decaySteps: 10 }), 'kind', 'INVALID_CONFIG');
    expect(error.message).toBe('Invalid schedule config: kind: is not a schedule kind; did you mean "cosineDecay"? (got "cosineDecays")');
  });

  it('names the option meant by a misspelt one, at any depth', () => {
    const config = { kind: 'clamp', schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 10, alfa: 0 } };
    const error = expectRejected(() => fromConfig(config as never), 'schedule.alfa', 'INVALID_CONFIG');
    expect(error.message).toBe('Invalid schedule config: schedule.alfa: is not a known option; did you mean "alpha"? (got 0)');
  });

  it('lists the kinds when none is close, and says a missing kind is required', () => {
    const far = expectRejected(() => parseScheduleConfig({ kind: 'zzz' }), 'kind', 'INVALID_CONFIG');
    expect(far.message).toMatch(/kind: is not a schedule kind: expected 'exponentialDecay' \| .*'warmup' \(got "zzz"\)/);
    const missing = expectRejected(() => parseScheduleConfig({}), 'kind', 'INVALID_CONFIG');
    expect(missing.message).toMatch(/kind: is required: expected 'exponentialDecay'/);
  });

  it('guesses only slips: a typo, a case or snake_case difference, never an unrelated name', () => {
    expect(didYouMean('patiense', ['patience', 'factor'])).toBe('patience');
    expect(didYouMean('min_lr', ['minLr', 'maxLr', 'metric'])).toBe('minLr');
    expect(didYouMean('MINLR', ['minLr', 'maxLr'])).toBe('minLr');
    expect(didYouMean('colour', ['factor', 'patience'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});

describe('hostile nesting (issue 9)', () => {
  it(`refuses a config deeper than ${maxConfigDepth} levels before zod walks it: an AnnealError, not a RangeError`, () => {
    for (const kind of ['array', 'object'] as const) {
      const error = thrown(() => parseScheduleConfig(nested(10_000, kind)));
      expect(AnnealError.is(error)).toBe(true);
      expect((error as AnnealError).code).toBe('INVALID_CONFIG');
      expect((error as AnnealError).message).toMatch(/must not nest more than 100 levels deep/);
    }
  });

  it('refuses a chain of 1 000 clamps with the path where the limit is crossed', () => {
    let config: unknown = { kind: 'constant', initialLearningRate: 0.1 };
    for (let i = 0; i < 1000; i++) config = { kind: 'clamp', schedule: config };
    const error = thrown(() => fromConfig(config as never)) as AnnealError;
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.path).toBe(Array.from({ length: maxConfigDepth }, () => 'schedule').join('.'));
  });

  it('accepts exactly the limit and refuses one level more', () => {
    expect(() => checkDepth(nested(maxConfigDepth, 'array'), 'x')).not.toThrow();
    expect(() => checkDepth(nested(maxConfigDepth + 1, 'array'), 'x')).toThrow(/more than 100 levels/);
  });

  it('stays cheap on shared and cyclic values', () => {
    let shared: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) shared = { left: shared, right: shared }; // 2^60 paths, 61 objects
    expect(() => checkDepth(shared, 'x')).not.toThrow();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => checkDepth(cycle, 'x')).toThrow(/more than 100 levels/);
  });
});

describe('describeValue', () => {
  it('is short for ordinary values, as before', () => {
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue({ a: 1, b: [1, 'x'] })).toBe('{"a":1,"b":[1,"x"]}');
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue(() => 1)).toBe('a function');
  });

  it('is bounded in depth and length: a 10 000-deep array, a cycle, a huge array or string', () => {
    expect(describeValue(nested(10_000, 'array'))).toBe('[[[[…]]]]');
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(describeValue(cycle)).toBe('{"a":1,"self":{"a":1,"self":{"a":1,"self":{…}}}}');
    const big = describeValue(Array.from({ length: 1_000_000 }, (_, i) => i));
    expect(big.length).toBeLessThanOrEqual(80);
    expect(big.endsWith('...')).toBe(true);
    expect(describeValue('x'.repeat(1_000_000)).length).toBe(80);
  });
});

describe('evaluate, run and stepsToArray refuse what is not steps (issue 9)', () => {
  const lr = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
  const refusals: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 42],
    ['a string', '0,1,2'],
    ['undefined', undefined],
    ['a length that is not a count', { length: -1 }],
  ];
  it.each(refusals)('%s', (_, steps) => {
    for (const call of [() => evaluate(lr, steps as never), () => run({ lr }, steps as never), () => stepsToArray(steps as never)]) {
      const error = thrown(call);
      expect(AnnealError.is(error)).toBe(true);
      expect((error as AnnealError).code).toBe('INVALID_STEPS');
    }
  });

  it('a range too long to allocate, by its stop or by a tiny stride', () => {
    for (const range of [{ start: 0, stop: 1e12 }, { start: 0, stop: 1, stride: 1e-12 }]) {
      for (const call of [() => evaluate(lr, range), () => run({ lr }, range), () => stepsToArray(range)]) {
        const error = thrown(call) as AnnealError;
        expect(AnnealError.is(error)).toBe(true);
        expect(error.code).toBe('INVALID_STEPS');
        expect(error.message).toContain(`more than ${maxStepsLength}`);
      }
    }
  });

  it('an array-like longer than the limit, without reading it', () => {
    const error = thrown(() => evaluate(lr, { length: 1e12 } as never)) as AnnealError;
    expect(error.code).toBe('INVALID_STEPS');
    expect(error.path).toBe('length');
  });

  it('still evaluates a long range into a buffer the caller gives', () => {
    const out = new Float64Array(5);
    expect(evaluate(lr, { start: 0, stop: 5 }, out)).toBe(out);
  });
});
