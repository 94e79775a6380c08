import { AnnealError, parseOrThrow } from '@anneal/core';
import type { CompiledRule, MonitorProgram } from './config.js';
import type { Decision } from './decision.js';
import type { AppliedChange, Proposal, RuleContext } from './define-rule.js';
import { lrWithScale } from './lr.js';
import { isWellFormedObservation, type Observation, type ObservationInput, observationSchema } from './observation.js';
import { type MonitorState, withFields } from './state.js';

export interface ReduceResult {
  readonly state: MonitorState;
  readonly decisions: readonly Decision[];
}

// Precedence of changes: stop beats restart beats drop.
const precedence: Record<Proposal['type'], number> = { stop: 3, restart: 2, drop: 1 };

/**
 * The heart of the monitor: one observation in, the next state and its decisions out.
 * Pure: no clock, no I/O, no randomness, `state` is never mutated. Several rules may
 * propose a change; at most one is applied (stop > restart > drop, and among drops the
 * one giving the lowest rate; ties go to the rule listed first).
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
  const { step } = observation;
  const { metric, mode, onMissing } = program.config;
  const counted: MonitorState = withFields(state, { count: state.count + 1, step });

  if (state.stopped) return { state: counted, decisions: [] };

  const value = observation.metrics[metric];
  if (value === undefined) {
    if (onMissing === 'skip') {
      return { state: counted, decisions: [{ type: 'skip', rule: 'monitor', reason: `metric "${metric}" missing`, step }] };
    }
    throw new AnnealError(
      'INVALID_OBSERVATION',
      `Invalid observation: metrics.${metric}: the monitored metric is missing (got keys ${JSON.stringify(Object.keys(observation.metrics))}); set onMissing: "skip" to ignore such observations`,
      [{ path: `metrics.${metric}`, value: undefined, rule: 'the monitored metric must be present (onMissing: "error")' }],
    );
  }

  const finite = Number.isFinite(value);
  const improved = finite && (state.best === null || (mode === 'min' ? value < state.best : value > state.best));
  const lr = lrWithScale(program, state, step, state.scale);
  const base: RuleContext = {
    observation,
    step,
    value,
    finite,
    mode,
    improved,
    best: state.best,
    lr,
    lrWithScale: (scale) => lrWithScale(program, state, step, scale),
    scale: state.scale,
    minLr: program.minLr,
    maxLr: program.maxLr,
    atFloor: lr <= program.minLr,
    restarts: state.restarts,
    sinceImprovement: improved ? 0 : state.sinceImprovement + 1,
    restartsExhausted: false,
  };
  const ctx: RuleContext = restartsExhausted(program, state, base) ? { ...base, restartsExhausted: true } : base;

  const decisions: Decision[] = [];
  if (!finite) decisions.push({ type: 'nan', step, value, metric });

  // Screening: a rule may withhold the observation from every rule (e.g. skip NaNs).
  const ruleStates = [...state.rules];
  for (const [i, rule] of program.rules.entries()) {
    if (rule.definition.screen === undefined) continue;
    const screened = rule.definition.screen({ options: rule.options, state: ruleStates[i], ctx });
    ruleStates[i] = screened.state;
    if (screened.skip !== undefined) {
      decisions.push({ type: 'skip', rule: rule.name, reason: screened.skip, step });
      return { state: withFields(counted, { rules: ruleStates }), decisions };
    }
  }

  decisions.push(
    improved
      ? { type: 'improve', step, value, previous: state.best }
      : { type: 'badEvaluation', step, value, best: state.best, count: ctx.sinceImprovement },
  );

  let winner: { rule: CompiledRule; proposal: Proposal; to: number } | null = null;
  for (const [i, rule] of program.rules.entries()) {
    const outcome = rule.definition.onObservation({ options: rule.options, state: ruleStates[i], ctx });
    ruleStates[i] = outcome.state;
    const proposal = outcome.proposal;
    if (proposal === undefined) continue;
    checkProposal(rule, proposal, step);
    const to = proposal.type === 'drop' ? ctx.lrWithScale(state.scale * proposal.factor) : Number.NaN;
    if (proposal.type === 'drop' && !(to < lr)) continue; // a drop that cannot lower the rate is no change
    if (winner === null || beats(proposal, to, winner.proposal, winner.to)) winner = { rule, proposal, to };
  }

  let next: MonitorState = withFields(counted, {
    best: improved ? value : state.best,
    bestStep: improved ? step : state.bestStep,
    sinceImprovement: ctx.sinceImprovement,
    rules: ruleStates,
  });
  let applied: AppliedChange | null = null;
  if (winner !== null) {
    const { rule, proposal } = winner;
    if (proposal.type === 'stop') {
      next = withFields(next, { stopped: true });
      decisions.push({ type: 'stop', rule: rule.name, reason: proposal.reason, step });
      applied = { type: 'stop', rule: rule.name, from: lr, to: lr };
    } else if (proposal.type === 'restart') {
      next = withFields(next, { origin: step, scale: proposal.scale, stretch: proposal.stretch, restarts: state.restarts + 1 });
      const to = lrWithScale(program, next, step, next.scale);
      decisions.push({ type: 'restart', rule: rule.name, reason: proposal.reason, step, from: lr, to, restart: next.restarts });
      applied = { type: 'restart', rule: rule.name, from: lr, to };
    } else {
      next = withFields(next, { scale: state.scale * proposal.factor });
      decisions.push({ type: 'drop', rule: rule.name, reason: proposal.reason, step, from: lr, to: winner.to });
      applied = { type: 'drop', rule: rule.name, from: lr, to: winner.to };
    }
  }

  for (const [i, rule] of program.rules.entries()) {
    if (rule.definition.onApplied === undefined) continue;
    next.rules[i] = rule.definition.onApplied({ options: rule.options, state: next.rules[i], ctx, applied });
  }
  return { state: next, decisions };
}

// Asks every rule with the capability (warmRestart) whether it wants a restart it may not make.
function restartsExhausted(program: MonitorProgram, state: MonitorState, ctx: RuleContext): boolean {
  for (const [i, rule] of program.rules.entries()) {
    const exhausted = rule.definition.restartsExhausted;
    if (exhausted !== undefined && exhausted({ options: rule.options, state: state.rules[i], ctx })) return true;
  }
  return false;
}

function beats(candidate: Proposal, candidateLr: number, current: Proposal, currentLr: number): boolean {
  if (precedence[candidate.type] !== precedence[current.type]) {
    return precedence[candidate.type] > precedence[current.type];
  }
  return candidate.type === 'drop' && candidateLr < currentLr; // strongest drop wins; else first listed
}

function normalise(state: MonitorState, input: ObservationInput): Observation {
  const parsed = isWellFormedObservation(input) ? input : parseOrThrow(observationSchema, input, 'observation', 'INVALID_OBSERVATION');
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

/**
 * A plugin's proposal is checked before anything changes: a negative factor or a
 * non-finite scale would otherwise be committed and poison every later rate and snapshot.
 */
function checkProposal(rule: CompiledRule, proposal: Proposal, step: number): void {
  const bad = (field: string, value: number, requirement: string) => {
    throw new AnnealError(
      'INVALID_PROPOSAL',
      `Rule "${rule.name}" proposed a ${proposal.type} at step ${step} with ${field} ${value}: ${field} ${requirement} (a bug in the rule; the monitor state is unchanged)`,
      [{ path: `rules.${rule.name}.${field}`, value, rule: `${field} ${requirement}` }],
    );
  };
  if (proposal.type === 'drop' && !(proposal.factor >= 0 && proposal.factor <= 1)) bad('factor', proposal.factor, 'must be in [0, 1]');
  if (proposal.type === 'restart') {
    if (!(proposal.scale >= 0 && proposal.scale <= Number.MAX_VALUE)) bad('scale', proposal.scale, 'must be a finite number >= 0');
    if (!(proposal.stretch > 0 && proposal.stretch <= Number.MAX_VALUE)) bad('stretch', proposal.stretch, 'must be a finite number > 0');
  }
}
