import { AnnealError, parseOrThrow } from '@anneal/core';
import { type Proposed, settle } from './arbitration.js';
import type { CompiledRule, MonitorProgram } from './config.js';
import { ObservationContext } from './context.js';
import type { Decision } from './decision.js';
import { lrWithScale } from './lr.js';
import { isWellFormedObservation, type Observation, type ObservationInput, observationSchema } from './observation.js';
import { checkOutcome, checkProposal } from './proposal.js';
import { stateAfter, withRuleState } from './rule-states.js';
import { smooth } from './smoothing.js';
import type { MonitorState } from './state.js';

export interface ReduceResult {
  readonly state: MonitorState;
  readonly decisions: readonly Decision[];
  /** The rate in effect at the observation's step after its decisions (what `lrAt(program, state, step)` gives). */
  readonly lr: number;
}

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

  if (state.stopped) return unchanged(program, state, step, state.rules, []);

  const metrics = observation.metrics;
  // Own properties only: a metric named "constructor" must not read Object.prototype's.
  // (hasOwn costs a runtime call, so it is paid only for such names.)
  const own = !program.inheritedMetric || Object.hasOwn(metrics, config.metric);
  const raw = own ? metrics[config.metric] : undefined;
  if (raw === undefined) {
    if (config.onMissing === 'skip') {
      const reason = `metric "${config.metric}" missing`;
      return unchanged(program, state, step, state.rules, [{ type: 'skip', rule: 'monitor', reason, step }]);
    }
    const rule = `the monitored metric is missing (the observation has keys ${JSON.stringify(Object.keys(metrics))}); set onMissing: "skip" to ignore such observations`;
    throw new AnnealError('INVALID_OBSERVATION', { subject: 'observation', issues: [{ path: `metrics.${config.metric}`, value: undefined, rule }] });
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
  const ctx = new ObservationContext(program, state, observation, value, raw, finite, improved, lr);
  const rules = program.rules;
  const n = rules.length;

  // Rule states are copied once, the first time a rule returns a new one.
  let ruleStates = state.rules;
  const nan: Decision | null = finite ? null : { type: 'nan', step, value, metric: config.metric };

  // Screening: a rule may withhold the observation from every rule (e.g. skip NaNs).
  for (let i = 0; i < n; i++) {
    const rule = rules[i] as CompiledRule;
    const screen = rule.definition.screen;
    if (screen === undefined) continue;
    const screened = screen({ options: rule.options, state: ruleStates[i], ctx });
    if (screened === null || typeof screened !== 'object') checkOutcome(rule, 'screen', screened, step);
    ruleStates = withRuleState(ruleStates, state.rules, i, screened.state);
    if (screened.skip !== undefined) {
      const skip: Decision = { type: 'skip', rule: rule.name, reason: screened.skip, step };
      return unchanged(program, state, step, ruleStates, nan === null ? [skip] : [nan, skip]);
    }
  }

  let evaluation: Decision;
  if (smoothing !== undefined) {
    evaluation = improved
      ? { type: 'improve', step, value, previous: best, raw }
      : { type: 'badEvaluation', step, value, best, count: ctx.sinceImprovement, raw };
  } else {
    evaluation = improved
      ? { type: 'improve', step, value, previous: best }
      : { type: 'badEvaluation', step, value, best, count: ctx.sinceImprovement };
  }
  // Array literals of the exact length: an empty array grown by push would allocate
  // room for 17 on every observation.
  const decisions: Decision[] = nan === null ? [evaluation] : [nan, evaluation];

  // Proposals are rare: the loop checks and collects them, `settle` (arbitration.ts)
  // ranks and applies them, so the common path stays short.
  let proposed: Proposed[] | null = null;
  for (let i = 0; i < n; i++) {
    const rule = rules[i] as CompiledRule;
    const outcome = rule.definition.onObservation({ options: rule.options, state: ruleStates[i], ctx });
    if (outcome === null || typeof outcome !== 'object') checkOutcome(rule, 'onObservation', outcome, step);
    ruleStates = withRuleState(ruleStates, state.rules, i, outcome.state);
    if (outcome.proposal === undefined && outcome.declined === undefined) continue;
    if (outcome.declined !== undefined) checkProposal(rule, outcome.declined, step);
    if (outcome.proposal !== undefined) checkProposal(rule, outcome.proposal, step);
    (proposed ??= []).push({ index: i, outcome });
  }
  if (proposed !== null) return settle(program, state, ctx, ruleStates, decisions, proposed, smoother);

  const next = stateAfter(
    state,
    step,
    state.scale,
    state.origin,
    state.stretch,
    state.restarts,
    improved ? value : best,
    improved ? step : state.bestStep,
    ctx.sinceImprovement,
    false,
    ruleStates,
    smoother,
  );
  return { state: next, decisions, lr };
}

/** The result of an observation that changes nothing but the count, the step and rule states. */
function unchanged(program: MonitorProgram, state: MonitorState, step: number, rules: readonly unknown[], decisions: Decision[]): ReduceResult {
  const { scale, origin, stretch, restarts, best, bestStep, sinceImprovement, stopped, smoother } = state;
  const next = stateAfter(state, step, scale, origin, stretch, restarts, best, bestStep, sinceImprovement, stopped, rules as unknown[], smoother);
  return { state: next, decisions, lr: lrWithScale(program, next, step, scale) };
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
    const rule = `must not go backwards (the last observation was at step ${state.step})`;
    throw new AnnealError('INVALID_OBSERVATION', { subject: 'observation', issues: [{ path: 'step', value: step, rule }] });
  }
  return { step, epoch: parsed.epoch, metrics: parsed.metrics };
}
