import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileMonitor, createDefaultRegistry, defineRule, type Proposal } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// A survivor of `pnpm mutate rules` in warm-restart.ts's onApplied (docs/benchmarks.md):
// `applied?.type === 'drop'` → `true` counted every observation that reached onApplied as a
// drop. The state's contract: `drops` counts drops *applied* (by any rule) since the last
// restart; a raise is not one, nor a drop the monitor refused at minLr (the
// `floorEvaluations` trigger is for a plateau at the floor).

/** Proposes the same change on every observation. */
const propose = defineRule({
  kind: 'propose',
  schema: z.strictObject({ proposal: z.custom<Proposal>() }),
  init: () => ({}),
  onObservation: ({ options, state }) => ({ state, proposal: options.proposal }),
});
const registry = createDefaultRegistry();
registry.register(propose);

function run(proposal: Proposal, extra: Record<string, unknown>) {
  const rules = [{ kind: 'propose', proposal }, { kind: 'warmRestart', after: { drops: 2 } }];
  const rows = replay(compileMonitor(monitorConfig(rules, extra), registry), [1, 1, 1, 1, 1, 1, 1, 1]);
  const count = (type: string) => rows.flatMap((row) => row.decisions.filter((d) => d.type === type)).length;
  return { drops: count('drop'), raises: count('raise'), restarts: count('restart'), state: rows.at(-1)?.state.rules[1] };
}

describe('warmRestart after drops: only applied drops count', () => {
  it('does not count drops refused at minLr: one drop applied (0.1 → 0.05), no restart', () => {
    const drop: Proposal = { type: 'drop', factor: 0.5, reason: 'drop' };
    expect(run(drop, { minLr: 0.05 })).toEqual({ drops: 1, raises: 0, restarts: 0, state: { drops: 1, stale: 0 } });
  });

  it('does not count raises', () => {
    const raise: Proposal = { type: 'raise', factor: 1.5, reason: 'raise' };
    expect(run(raise, {})).toEqual({ drops: 0, raises: 8, restarts: 0, state: { drops: 0, stale: 0 } });
  });
});
