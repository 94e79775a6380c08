import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRule, ruleConformance } from '@anneal/monitor';
import { describeRuleConformance } from './rule-conformance.js';
import { above } from './support/test-rules.js';

// A rule without a stateSchema (the contract allows it) passes the exported suite.
describeRuleConformance(above, { valid: [{ limit: 0.5 }, { limit: -1, factor: 0.25 }], invalid: [{ options: {}, path: 'limit' }] });

describe('ruleConformance catches broken rules', () => {
  const failures = (rule: Parameters<typeof ruleConformance>[0], valid: Record<string, unknown>[] = [{}]) =>
    ruleConformance(rule, { valid }).flatMap((check) => {
      try {
        check.run();
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });

  it('a rule that mutates its state', () => {
    const mutates = defineRule({
      kind: 'mutates',
      schema: z.strictObject({}),
      init: () => ({ n: 0 }),
      onObservation: ({ state }) => {
        (state as { n: number }).n += 1;
        return { state };
      },
    });
    expect(failures(mutates).length).toBeGreaterThan(0);
  });

  it('a rule whose state is not JSON', () => {
    const dates = defineRule({ kind: 'dates', schema: z.strictObject({}), init: () => ({ at: new Date(0) }), onObservation: ({ state }) => ({ state }) });
    expect(failures(dates).some((m) => /not JSON/.test(m))).toBe(true);
  });

  it('a rule that is not deterministic', () => {
    let calls = 0;
    const random = defineRule({
      kind: 'random',
      schema: z.strictObject({}),
      init: () => ({}),
      onObservation: ({ state }) => (++calls % 7 === 0 ? { state, proposal: { type: 'drop', factor: 0.5, reason: 'sometimes' } } : { state }),
    });
    expect(failures(random).length).toBeGreaterThan(0);
  });
});
