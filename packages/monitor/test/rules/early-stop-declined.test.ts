import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileMonitor, createDefaultRegistry, defineRule, type Proposal, type RefusedProposal } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// Survivors of `pnpm mutate rules` in early-stop.ts's onApplied (docs/benchmarks.md): every
// tested refusal that reached earlyStop was a restart declined by warmRestart, so "any
// refusal", "any declined proposal" and "any refused restart" all passed. The contract
// (earlyStop's doc): `whenRestartsExhausted` stops on the evaluation after a restart was
// *declined*; a drop refused at the floor, a declined drop or an outranked restart is not that.

/** Proposes (and declines) on every observation what its options say; records the refusals it sees. */
const propose = defineRule({
  kind: 'propose',
  schema: z.strictObject({ proposal: z.custom<Proposal>().optional(), declined: z.custom<Proposal>().optional() }),
  init: () => ({ refused: [] as string[] }),
  onObservation: ({ options, state }) => ({ state, proposal: options.proposal, declined: options.declined }),
  onApplied: ({ state, refused }) => ({ refused: [...state.refused, ...refused.map((r: RefusedProposal) => `${r.proposal.type}:${r.why}`)] }),
});
const registry = createDefaultRegistry();
registry.register(propose);

const restart: Proposal = { type: 'restart', scale: 1, stretch: 1, reason: 'restart' };
const drop: Proposal = { type: 'drop', factor: 0.5, reason: 'drop' };
const earlyStop = { kind: 'earlyStop', patience: null, whenRestartsExhausted: true };

/** The counts at which the run stopped, and the refusals the first rule saw. */
function run(rules: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  const rows = replay(compileMonitor(monitorConfig([...rules, earlyStop], extra), registry), [1, 1, 1, 1, 1, 1]);
  const stops = rows.flatMap((row) => (row.decisions.some((d) => d.type === 'stop') ? [row.state.count] : []));
  const refused = (rows.at(-1)?.state.rules[0] as { refused: string[] }).refused;
  return { stops, refused: [...new Set(refused)] };
}

describe('earlyStop whenRestartsExhausted: only a declined restart counts', () => {
  it('stops on the evaluation after a declined restart (the control)', () => {
    expect(run([{ kind: 'propose', declined: restart }])).toEqual({ stops: [2], refused: ['restart:declined'] });
  });

  it('does not stop for a drop refused at the floor', () => {
    // Rate 0.1, minLr 0.05: the first drop is applied, every later one refused as no change.
    expect(run([{ kind: 'propose', proposal: drop }], { minLr: 0.05 })).toEqual({ stops: [], refused: ['drop:noChange'] });
  });

  it('does not stop for a declined drop', () => {
    expect(run([{ kind: 'propose', declined: drop }])).toEqual({ stops: [], refused: ['drop:declined'] });
  });

  it('does not stop for a restart outranked by another rule\'s restart', () => {
    // Two rules propose a restart on every observation: the first listed wins, the second is refused as outranked.
    const rules = [{ kind: 'propose', name: 'a', proposal: restart }, { kind: 'propose', name: 'b', proposal: restart }];
    expect(run(rules)).toEqual({ stops: [], refused: ['restart:outranked'] });
  });
});
