import { describe, expect, it } from 'vitest';
import { evaluate, exponentialDecay, run } from '@anneal/core';
import { expectRejected } from './support.js';

const lr = exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 });

describe('evaluate', () => {
  it('evaluates a stop-exclusive range with a stride', () => {
    expect(Array.from(evaluate(lr, { start: 1, stop: 7, stride: 2 }))).toEqual([0.5, 0.125, 0.03125]);
  });

  it('evaluates explicit steps in the order given, fractional steps included', () => {
    expect(Array.from(evaluate(lr, [3, 0, 0.5]))).toEqual([0.125, 1, Math.SQRT1_2]);
  });

  it('writes into a caller-supplied buffer without reallocating', () => {
    const out = new Float64Array(8);
    const result = evaluate(lr, { start: 0, stop: 4 }, out);
    expect(result.buffer).toBe(out.buffer);
    expect(Array.from(result)).toEqual([1, 0.5, 0.25, 0.125]);
  });

  it('gives an empty array for an empty range', () => {
    expect(evaluate(lr, { start: 5, stop: 5 }).length).toBe(0);
  });

  it.each([
    [{ start: -1, stop: 5 }, 'start'],
    [{ start: 0, stop: 5, stride: 0 }, 'stride'],
    [{ start: 0, stop: Number.POSITIVE_INFINITY }, 'stop'],
  ])('rejects the bad range %o with INVALID_STEPS naming %s', (range, path) => {
    expectRejected(() => evaluate(lr, range), path, 'INVALID_STEPS');
  });

  it('rejects a negative or NaN explicit step with its index', () => {
    for (const steps of [[0, -1], [0, Number.NaN]]) expectRejected(() => evaluate(lr, steps), '[1]', 'INVALID_STEPS');
  });

  it('rejects something that is not a schedule with INVALID_OPTIONS, not a TypeError from the loop', () => {
    for (const schedule of [null, undefined, 0.1, { kind: 'constant' }]) {
      const error = expectRejected(() => evaluate(schedule as never, [1]), 'schedule');
      expect(error.message).toMatch(/must be a schedule \(a function of the step/);
    }
  });
});

describe('run', () => {
  it('evaluates several schedules over the same steps', () => {
    const other = exponentialDecay({ initialLearningRate: 2, decaySteps: 1, decayRate: 0.5 });
    const result = run({ a: lr, b: other }, { start: 0, stop: 3 });
    expect(Array.from(result.steps)).toEqual([0, 1, 2]);
    expect(Array.from(result.values.a)).toEqual([1, 0.5, 0.25]);
    expect(Array.from(result.values.b)).toEqual([2, 1, 0.5]);
  });

  it('names the entry that is not a schedule, and refuses a non-object', () => {
    expectRejected(() => run({ a: lr, b: 'cosine' as never }, [0]), 'b');
    expectRejected(() => run(null as never, [0]), '');
  });
});
