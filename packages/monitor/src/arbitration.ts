import type { CompiledRule, MonitorProgram } from './config.js';
import type { ObservationContext } from './context.js';
import type { Decision } from './decision.js';
import type { AppliedChange, Proposal, RefusedProposal, RuleOutcome } from './define-rule.js';
import { localStep, lrWithScale } from './lr.js';
import type { ReduceResult } from './reduce.js';
import { stateAfter, withRuleState } from './rule-states.js';
import type { MonitorState } from './state.js';

/** A rule's outcome that proposed or declined a change (already checked), with the rule's index. */
export interface Proposed {
  readonly index: number;
  readonly outcome: RuleOutcome<unknown>;
}

// Precedence of changes: stop beats restart beats drop beats raise.
const precedence: Record<Proposal['type'], number> = { stop: 4, restart: 3, drop: 2, raise: 1 };
const none: readonly RefusedProposal[] = Object.freeze([]);

/**
 * The rest of an observation on which some rule proposed or declined a change (rare: the
 * reducer's common path stays short without it). At most one change is applied: stop >
 * restart > drop > raise; among drops the one giving the lowest rate, among raises the
 * highest; ties go to the rule listed first. Every proposal not applied reaches every
 * rule's `onApplied` as refused, in the order the rules are listed.
 */
export function settle(
  program: MonitorProgram,
  state: MonitorState,
  ctx: ObservationContext,
  ruleStates: unknown[],
  decisions: Decision[],
  proposed: readonly Proposed[],
  smoother: MonitorState['smoother'],
): ReduceResult {
  const rules = program.rules;
  const { step, lr } = ctx;
  let winner = -1;
  let winnerProposal: Proposal | null = null;
  let winnerTo = Number.NaN;
  let refused: RefusedProposal[] | null = null;
  for (const { index, outcome } of proposed) {
    const rule = rules[index] as CompiledRule;
    if (outcome.declined !== undefined) (refused ??= []).push({ rule: rule.name, proposal: outcome.declined, why: 'declined' });
    const proposal = outcome.proposal;
    if (proposal === undefined) continue;
    const to = targetRate(program, state, ctx, proposal);
    // A drop that cannot lower the rate (or a raise that cannot raise it) is no change.
    if ((proposal.type === 'drop' && !(to < lr)) || (proposal.type === 'raise' && !(to > lr))) {
      (refused ??= []).push({ rule: rule.name, proposal, why: 'noChange' });
      continue;
    }
    if (winnerProposal === null || beats(proposal, to, winnerProposal, winnerTo)) {
      if (winnerProposal !== null) (refused ??= []).push({ rule: (rules[winner] as CompiledRule).name, proposal: winnerProposal, why: 'outranked' });
      winner = index;
      winnerProposal = proposal;
      winnerTo = to;
    } else {
      (refused ??= []).push({ rule: rule.name, proposal, why: 'outranked' });
    }
  }

  let scale = state.scale;
  let origin = state.origin;
  let stretch = state.stretch;
  let restarts = state.restarts;
  let stopped = false;
  let applied: AppliedChange | null = null;
  let after = lr; // the rate once the winning change (if any) is applied
  if (winnerProposal !== null) {
    const name = (rules[winner] as CompiledRule).name;
    const reason = winnerProposal.reason;
    switch (winnerProposal.type) {
      case 'stop':
        stopped = true;
        decisions.push({ type: 'stop', rule: name, reason, step });
        applied = { type: 'stop', rule: name, from: lr, to: lr };
        break;
      case 'restart': {
        origin = step;
        scale = winnerProposal.scale;
        stretch = winnerProposal.stretch;
        restarts = state.restarts + 1;
        const to = lrWithScale(program, { ...state, origin, stretch }, step, scale);
        decisions.push({ type: 'restart', rule: name, reason, step, from: lr, to, restart: restarts });
        applied = { type: 'restart', rule: name, from: lr, to };
        after = to;
        break;
      }
      case 'drop':
        scale = state.scale * winnerProposal.factor;
        decisions.push({ type: 'drop', rule: name, reason, step, from: lr, to: winnerTo });
        applied = { type: 'drop', rule: name, from: lr, to: winnerTo };
        after = winnerTo;
        break;
      case 'raise': {
        scale = raisedScale(program, state, step, winnerTo);
        const to = lrWithScale(program, state, step, scale);
        decisions.push({ type: 'raise', rule: name, reason, step, from: lr, to });
        applied = { type: 'raise', rule: name, from: lr, to };
        after = to;
        break;
      }
    }
  }

  // onApplied runs when there is something to react to: a change, or a refused proposal.
  if (applied !== null || refused !== null) {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as CompiledRule;
      const onApplied = rule.definition.onApplied;
      if (onApplied === undefined) continue;
      const next = onApplied({ options: rule.options, state: ruleStates[i], ctx, applied, refused: refused ?? none });
      ruleStates = withRuleState(ruleStates, state.rules, i, next);
    }
  }

  const improved = ctx.improved;
  const next = stateAfter(
    state,
    step,
    scale,
    origin,
    stretch,
    restarts,
    improved ? ctx.value : state.best,
    improved ? step : state.bestStep,
    ctx.sinceImprovement,
    stopped,
    ruleStates,
    smoother,
  );
  return { state: next, decisions, lr: after };
}

/** The rate a drop or raise would give at this step (NaN for stop and restart, ranked by type alone). */
function targetRate(program: MonitorProgram, state: MonitorState, ctx: ObservationContext, proposal: Proposal): number {
  if (proposal.type === 'drop') return ctx.lrWithScale(state.scale * proposal.factor);
  if (proposal.type === 'raise') {
    // Re-anchored on the rate in effect (which a floor may hold above scale · base).
    const target = Math.min(ctx.lr * proposal.factor, program.maxLr, Number.MAX_VALUE);
    return raisedScale(program, state, ctx.step, target) > 0 ? target : ctx.lr;
  }
  return Number.NaN;
}

/** The scale that gives rate `target` at `step` (0 when the base is 0 there: nothing to raise). */
function raisedScale(program: MonitorProgram, state: MonitorState, step: number, target: number): number {
  const base = program.base(localStep(state, step));
  if (!(base > 0 && base <= Number.MAX_VALUE)) return 0;
  return Math.min(target / base, Number.MAX_VALUE);
}

function beats(candidate: Proposal, candidateLr: number, current: Proposal, currentLr: number): boolean {
  if (precedence[candidate.type] !== precedence[current.type]) {
    return precedence[candidate.type] > precedence[current.type];
  }
  if (candidate.type === 'drop') return candidateLr < currentLr; // strongest drop wins; else first listed
  if (candidate.type === 'raise') return candidateLr > currentLr;
  return false;
}
