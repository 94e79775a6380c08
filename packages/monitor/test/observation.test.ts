import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { observationSchema } from '@anneal/monitor';
import { isWellFormedObservation } from '../src/observation.js';

describe('isWellFormedObservation (the reducer fast path)', () => {
  it('accepts only what observationSchema accepts, over thousands of inputs it does accept', () => {
    const metricValue = fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant(undefined));
    const arbitraryObservation = fc.record(
      {
        step: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        epoch: fc.oneof(fc.double(), fc.integer({ min: -5, max: 1e6 }), fc.constant(2 ** 60), fc.string()),
        metrics: fc.oneof(fc.dictionary(fc.string(), metricValue), fc.array(fc.double()), fc.constant(null), fc.string()),
      },
      { requiredKeys: [] },
    );
    // Near-valid observations: mostly what a trainer sends, with one field at or past its edge
    // (NaN, -0, Infinity, a fractional or unsafe epoch, a non-number metric), so that the
    // implication below is exercised on accepted inputs, not only on rejected ones.
    const nearStep = fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e12 }), fc.constantFrom(-0, -1, Number.NaN, Infinity, Number.MAX_VALUE));
    const nearEpoch = fc.oneof(fc.nat(), fc.constantFrom(-0, -1, 1.5, 2 ** 53, Number.NaN));
    const nearMetric = fc.oneof({ weight: 8, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.constantFrom('0.5', null, undefined, true) });
    const nearObservation = fc.record(
      { step: nearStep, epoch: nearEpoch, metrics: fc.dictionary(fc.string({ maxLength: 8 }), nearMetric, { maxKeys: 4 }) },
      { requiredKeys: ['metrics'] },
    );
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: nearObservation }, { weight: 1, arbitrary: arbitraryObservation }, { weight: 1, arbitrary: fc.anything() }), (input) => {
        if (!isWellFormedObservation(input)) {
          rejected++;
          return;
        }
        accepted++;
        expect(observationSchema.safeParse(input).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // Guard: both branches ran often (with only arbitrary inputs, 6 in 5000 were accepted).
    expect(accepted).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(500);
  });

  it('accepts an ordinary observation, NaN metrics included', () => {
    expect(isWellFormedObservation({ step: 3, epoch: 1, metrics: { loss: Number.NaN } })).toBe(true);
  });

  it('refuses an array that carries a metrics property, as the schema does', () => {
    const input = Object.assign([], { metrics: { loss: 1 } });
    expect(observationSchema.safeParse(input).success).toBe(false);
    expect(isWellFormedObservation(input)).toBe(false);
  });
});
