import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { observationSchema } from '@anneal/monitor';
import { isWellFormedObservation } from '../src/observation.js';

describe('isWellFormedObservation (the reducer fast path)', () => {
  it('accepts only what observationSchema accepts', () => {
    const metricValue = fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant(undefined));
    const arbitraryObservation = fc.record(
      {
        step: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        epoch: fc.oneof(fc.double(), fc.integer({ min: -5, max: 1e6 }), fc.constant(2 ** 60), fc.string()),
        metrics: fc.oneof(fc.dictionary(fc.string(), metricValue), fc.array(fc.double()), fc.constant(null), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(arbitraryObservation, fc.anything()), (input) => {
        if (isWellFormedObservation(input)) expect(observationSchema.safeParse(input).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts an ordinary observation, NaN metrics included', () => {
    expect(isWellFormedObservation({ step: 3, epoch: 1, metrics: { loss: Number.NaN } })).toBe(true);
  });
});
