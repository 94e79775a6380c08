import { AnnealError, parseOrThrow } from '@anneal/core';
import type { CompiledRule, MonitorProgram } from './config.js';
import { ObservationContext } from './context.js';
import type { Decision } from './decision.js';
import type { AppliedChange, Proposal, RefusedProposal } from './define-rule.js';
import { lrWithScale } from './lr.js';
import { isWellFormedObservation, type Observation, type ObservationInput, observationSchema } from './observation.js';
import { checkProposal } from './proposal.js';
import { smooth } from './smoothing.js';
import type { MonitorState } from './state.js';

export interface ReduceResult {
  readonly state: MonitorState;
  readonly decisions: readonly Decision[];
}

// Precedence of changes: stop beats restart beats drop beats raise.
const precedence: Record<Proposal['type'], number> = { stop: 4, restart: 3, drop: 2, raise: 1 };
const none: readonly RefusedProposal[] = Object.freeze([]);

/**
 * The heart of the monitor: one observation in, the next state and its decisions out.
 * Pure: no clock, no I/O, no randomness, `state` is never mutated. Several rules may
 * propose a change; at most one is applied (stop > restart > drop > raise; among drops
 * the one giving the lowest rate, among raises the highest; ties go to the rule listed
 * first). Every proposal not applied reaches every rule's `onApplied` as refused.
 *
 * Written for the hot path (millions of observations when replaying logs): index loops,
 * one context object, rule states copied only when a rule changes its own, no closures.
 *
 * @example
 * const program = compileMonitor(config);
 * let state = initialState(program);
 * for (const observation of log) {
 *   const result = reduce(state, observation, program);
 *   state = result.state;
 *   for (const d of result.decisions) if (d.type === 'drop') console.log(d.rule, d.from, d.to, d.reason);
 * }
 */
export function reduce(state: MonitorState, input: ObservationInput, program: MonitorProgram): ReduceResult {
  const observation = normalise(state, input);
  const step = observation.step;
  const config = program.config;

  if (state.stopped) return { state: advanced(state, step, state.rules), decisions: [] };

  const metrics = observation.metrics;
  // Own properties only: a metric named "constructor" must not read Object.prototype's.
  // (hasOwn costs a runtime call, so it is paid only for such names.)
  const own = !program.inheritedMetric || Object.hasOwn(metrics, config.metric);
  const raw = own ? metrics[config.metric] : undefined;
  if (raw === undefined) {
    if (config.onMissing === 'skip') {
      const reason = `metric "${config.metric}" missing`;
      return { state: advanced(state, step, state.rules), decisions: [{ type: 'skip', rule: 'monitor', reason, step }] };
    }
    throw new AnnealError(
      'INVALID_OBSERVATION',
      `Invalid observation: metrics.${config.metric}: the monitored metric is missing (got keys ${JSON.stringify(Object.keys(metrics))}); set onMissing: "skip" to ignore such observations`,
      [{ path: `metrics.${config.metric}`, value: undefined, rule: 'the monitored metric must be present (onMissing: "error")' }],
    );
  }

  const finite = Number.isFinite(raw);
  // Smoothing: a finite value goes through the smoother; a non-finite one bypasses it
  // (rules see it as it is, the smoother's memory is unchanged).
  let value = raw;
  let smoother = state.smoother;
  const smoothing = config.smoothing;
  if (smoothing !== undefined && finite) {
    const smoothed = smooth(smoothing, smoother ?? { kind: 'ema', s: 0, n: 0 }, raw);
    value = smoothed.value;
    smoother = smoothed.memory;
  }

  const mode = config.mode;
  const best = state.best;
  const improved = finite && (best === null || (mode === 'min' ? value < best : value > best));
  const lr = lrWithScale(program, state, step, state.scale);
  const ctx = new ObservationContext(program, state, observation, step, value, raw, finite, mode, improved, lr);
  const rules = program.rules;
  const n = rules.length;

  const decisions: Decision[] = [];
  if (!finite) decisions.push({ type: 'nan', step, value, metric: config.metric });

  // Rule states are copied once, the first time a rule returns a new one.
  let ruleStates = state.rules;

  // Screening: a rule may withhold the observation from every rule (e.g. skip NaNs).
  for (let i = 0; i < n; i++) {
    const rule = rules[i] as CompiledRule;
    const screen = rule.definition.screen;
    if (screen === undefined) continue;
    const screened = screen({ options: rule.options, state: ruleStates[i], ctx });
    ruleStates = withRuleState(ruleStates, state.rules, i, screened.state);
    if (screened.skip !== undefined) {
      decisions.push({ type: 'skip', rule: rule.name, reason: screened.skip, step });
      return { state: advanced(state, step, ruleStates), decisions };
    }
  }

  const withRaw = smoothing !== undefined;
  if (improved) {
    decisions.push(withRaw ? { type: 'improve', step, value, previous: best, raw } : { type: 'improve', step, value, previous: best });
  } else {
    const count = ctx.sinceImprovement;
    decisions.push(
      withRaw ? { type: 'badEvaluation', step, value, best, count, raw } : { type: 'badEvaluation', step, value, best, count },
    );
  }

  let winner = -1;
  let winnerProposal: Proposal | null = null;
  let winnerTo = Number.NaN;
  let refused: RefusedProposal[] | null = null;
  for (let i = 0; i < n; i++) {
    const rule = rules[i] as CompiledRule;
    const outcome = rule.definition.onObservation({ options: rule.options, state: ruleStates[i], ctx });
    ruleStates = withRuleState(ruleStates, state.rules, i, outcome.state);
    if (outcome.declined !== undefined) {
      checkProposal(rule, outcome.declined, step);
      (refused ??= []).push({ rule: rule.name, proposal: outcome.declined, why: 'declined' });
    }
    const proposal = outcome.proposal;
    if (proposal === undefined) continue;
    checkProposal(rule, proposal, step);
    const to = targetRate(program, state, ctx, proposal);
    // A drop that cannot lower the rate (or a raise that cannot raise it) is no change.
    if ((proposal.type === 'drop' && !(to < lr)) || (proposal.type === 'raise' && !(to > lr))) {
      (refused ??= []).push({ rule: rule.name, proposal, why: 'noChange' });
      continue;
    }
    if (winnerProposal === null || beats(proposal, to, winnerProposal, winnerTo)) {
      if (winnerProposal !== null) (refused ??= []).push({ rule: (rules[winner] as CompiledRule).name, proposal: winnerProposal, why: 'outranked' });
      winner = i;
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
        break;
      }
      case 'drop':
        scale = state.scale * winnerProposal.factor;
        decisions.push({ type: 'drop', rule: name, reason, step, from: lr, to: winnerTo });
        applied = { type: 'drop', rule: name, from: lr, to: winnerTo };
        break;
      case 'raise': {
        scale = raisedScale(program, state, step, winnerTo);
        const to = lrWithScale(program, state, step, scale);
        decisions.push({ type: 'raise', rule: name, reason, step, from: lr, to });
        applied = { type: 'raise', rule: name, from: lr, to };
        break;
      }
    }
  }

  // onApplied runs when there is something to react to: a change, or a refused proposal.
  if (applied !== null || refused !== null) {
    for (let i = 0; i < n; i++) {
      const rule = rules[i] as CompiledRule;
      const onApplied = rule.definition.onApplied;
      if (onApplied === undefined) continue;
      const next = onApplied({ options: rule.options, state: ruleStates[i], ctx, applied, refused: refused ?? none });
      ruleStates = withRuleState(ruleStates, state.rules, i, next);
    }
  }

  const next: MonitorState = {
    count: state.count + 1,
    step,
    scale,
    origin,
    stretch,
    restarts,
    best: improved ? value : best,
    bestStep: improved ? step : state.bestStep,
    sinceImprovement: ctx.sinceImprovement,
    stopped,
    rules: ruleStates,
    smoother,
  };
  return { state: next, decisions };
}

/** `states` with entry i replaced, copying `original` the first time (never mutating it). */
function withRuleState(states: unknown[], original: unknown[], i: number, next: unknown): unknown[] {
  if (next === states[i]) return states;
  const copy = states === original ? original.slice() : states;
  copy[i] = next;
  return copy;
}

/** The state after an observation that changes nothing but the count, the step and rule states. */
function advanced(state: MonitorState, step: number, rules: readonly unknown[]): MonitorState {
  return {
    count: state.count + 1,
    step,
    scale: state.scale,
    origin: state.origin,
    stretch: state.stretch,
    restarts: state.restarts,
    best: state.best,
    bestStep: state.bestStep,
    sinceImprovement: state.sinceImprovement,
    stopped: state.stopped,
    rules: rules as unknown[],
    smoother: state.smoother,
  };
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
  const local = Math.min(Math.max(0, step - state.origin) / state.stretch, Number.MAX_VALUE);
  const base = program.base(local);
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

function normalise(state: MonitorState, input: ObservationInput): Observation {
  const wellFormed = isWellFormedObservation(input);
  // The common case (a well-formed observation with a step, moving forward) is used as is.
  if (wellFormed && input.step !== undefined && (state.step === null || input.step >= state.step)) return input as Observation;
  const parsed = wellFormed ? input : parseOrThrow(observationSchema, input, 'observation', 'INVALID_OBSERVATION');
  // Without a step, the monitor counts observations: one step after the last one
  // (so the n-th of a run without steps is step n).
  const step = parsed.step ?? (state.step ?? 0) + 1;
  if (state.step !== null && step < state.step) {
    throw new AnnealError(
      'INVALID_OBSERVATION',
      `Invalid observation: step: must not go backwards (got ${step}, the last observation was at step ${state.step})`,
      [{ path: 'step', value: step, rule: `must be >= the previous step ${state.step}` }],
    );
  }
  return { step, epoch: parsed.epoch, metrics: parsed.metrics };
}
