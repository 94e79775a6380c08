import { describe, expect, it } from 'vitest';
import { createMonitor, type Decision } from '@anneal/monitor';

// A survivor of `pnpm mutate rules:warm-restart`: every tested restart after drops
// followed a single drop, so "1 drop" / "2 drops" was never checked.
describe('warmRestart: the reason counts the drops since the last restart', () => {
  it('says "2 drops" after two plateau drops', () => {
    const monitor = createMonitor({
      initialLearningRate: 0.1,
      metric: 'loss',
      rules: [
        { kind: 'plateau', patience: 0, factor: 0.5 },
        { kind: 'warmRestart', after: { drops: 2 } },
      ],
    });
    const decisions = Array.from({ length: 8 }, () => monitor.observe({ metrics: { loss: 1 } })).flat();
    const restart = decisions.find((d): d is Extract<Decision, { type: 'restart' }> => d.type === 'restart');
    expect(restart?.reason).toMatch(/^2 drops since the last restart, then /);
  });
});
