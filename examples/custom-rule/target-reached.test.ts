// The conformance suite @anneal/monitor exports for rule plugins, run on this example's
// rule: the same checks every built-in rule passes.
import { describe, it } from 'vitest';
import { ruleConformance } from '@anneal/monitor';
import { targetReached } from './target-reached.js';

describe('targetReached: rule conformance', () => {
  const checks = ruleConformance(targetReached, {
    valid: [{ target: 0.5 }, { target: 0.1, times: 3 }],
    invalid: [
      { options: {}, path: 'target' },
      { options: { target: 1, times: 0 }, path: 'times' },
      { options: { target: 1, extra: true }, path: 'extra' },
    ],
  });
  for (const check of checks) it(check.name, check.run);
});
