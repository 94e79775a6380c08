import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  compileMonitor,
  createDefaultRegistry,
  defineRule,
  type Proposal,
  type RefusedProposal,
} from '@anneal/monitor';
import { monitorConfig, replay } from './rule-conformance.js';

/** Proposes, on every observation, the proposal given in its options; records what onApplied saw. */
const propose = defineRule({
  kind: 'propose',
  schema: z.strictObject({ proposal: z.custom<Proposal>(), declined: z.custom<Proposal>().optional() }),
  init: () => ({ refused: [] as string[] }),
  onObservation: ({ options, state }) => ({ state, proposal: options.proposal, declined: options.declined }),
  onApplied: ({ state, refused }) => ({ refused: [...state.refused, ...refused.map((r: RefusedProposal) => `${r.rule}:${r.proposal.type}:${r.why}`)] }),
});

const registry = createDefaultRegistry();
registry.register(propose);
const run = (proposals: Proposal[], extra: Record<string, unknown> = {}, metrics = [1]) =>
  replay(
    compileMonitor(monitorConfig(proposals.map((proposal, i) => ({ kind: 'propose', name: `r${i}`, proposal })), extra), registry),
    metrics,
  );
const changeOf = (rows: ReturnType<typeof run>) => rows[0]?.decisions.find((d) => d.type !== 'improve' && d.type !== 'badEvaluation');

const raise = (factor: number): Proposal => ({ type: 'raise', factor, reason: `raise ${factor}` });
const drop = (factor: number): Proposal => ({ type: 'drop', factor, reason: `drop ${factor}` });

describe('raise proposals and arbitration', () => {
  it('raises the rate by factor, capped at maxLr', () => {
    expect(changeOf(run([raise(2)]))).toMatchObject({ type: 'raise', rule: 'r0', from: 0.1, to: 0.2 });
    expect(run([raise(2)])[0]?.state.scale).toBe(2);
    expect(changeOf(run([raise(10)], { maxLr: 0.5 }))).toMatchObject({ type: 'raise', to: 0.5 });
    expect(run([raise(10)], { maxLr: 0.5 })[0]?.lr).toBe(0.5);
  });

  it('refuses a raise that cannot raise the rate (at maxLr) as no change, and tells every rule', () => {
    const rows = run([raise(2)], { initialLearningRate: 0.5, maxLr: 0.5 });
    expect(changeOf(rows)).toBeUndefined();
    expect(rows[0]?.state.rules[0]).toEqual({ refused: ['r0:raise:noChange'] });
  });

  it('orders stop > restart > drop > raise, whatever the listing order, and reports the others as outranked', () => {
    const stop: Proposal = { type: 'stop', reason: 'stop' };
    const restart: Proposal = { type: 'restart', scale: 1, stretch: 1, reason: 'restart' };
    const all = [raise(2), drop(0.5), restart, stop];
    expect(changeOf(run(all))?.type).toBe('stop');
    expect(changeOf(run(all.slice(0, 3)))?.type).toBe('restart');
    expect(changeOf(run(all.slice(0, 2)))?.type).toBe('drop');
    expect(changeOf(run([...all].reverse().slice(2)))?.type).toBe('drop');
    const rows = run(all);
    expect([...(rows[0]?.state.rules[0] as { refused: string[] }).refused].sort()).toEqual(
      ['r0:raise:outranked', 'r1:drop:outranked', 'r2:restart:outranked'].sort(),
    );
  });

  it('among raises applies the highest', () => {
    expect(changeOf(run([raise(1.5), raise(3), raise(2)]))).toMatchObject({ rule: 'r1', to: 0.1 * 3 });
  });

  it('raises from the rate held at the floor, not from scale · base below it', () => {
    // Base 0.1, minLr 0.05: a drop by 0.01 puts scale · base at 0.001, held at 0.05;
    // a raise by 2 then gives 0.1 (GreedyLR: min(old_lr / factor, max_lr) with old_lr 0.05).
    const rule = (proposal: Proposal) => ({ kind: 'propose', proposal });
    const first = replay(compileMonitor(monitorConfig([rule(drop(0.01))], { minLr: 0.05 }), registry), [1]);
    const program = compileMonitor(monitorConfig([rule(raise(2))], { minLr: 0.05 }), registry);
    const state = { ...(first[0]?.state as (typeof first)[0]['state']) };
    expect(first[0]?.lr).toBe(0.05);
    const rows = replay(program, [1], state);
    expect(changeOf(rows)).toMatchObject({ type: 'raise', from: 0.05, to: 0.1 });
  });

  it('passes a declined proposal to every onApplied without applying it', () => {
    const declinedRestart: Proposal = { type: 'restart', scale: 1, stretch: 1, reason: 'budget spent' };
    const rows = replay(
      compileMonitor(monitorConfig([{ kind: 'propose', proposal: undefined, declined: declinedRestart }]), registry),
      [1],
    );
    expect(rows[0]?.state.restarts).toBe(0);
    expect(rows[0]?.state.rules[0]).toEqual({ refused: ['propose:restart:declined'] });
  });
});
