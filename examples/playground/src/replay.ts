// A monitor config replayed over a metrics log, as `anneal simulate` replays it: the same
// log reader, one `observe` per line, the step the monitor counted, the rate after each
// observation, and the drops, restarts, stops, NaNs and skips it decided (simulate's default
// listing, without improve and badEvaluation). The browser test checks the list against
// `anneal simulate` itself on the same files.
import { AnnealError } from '@anneal/core';
import { createMonitor, type Decision, type MonitorConfigInput } from '@anneal/monitor';
import { type MetricsLogEntry, type SimulationRecord, simulationRunChart, runChartSpec } from './anneal-cli.js';

/** One listed decision, at the step (and log line) where it was taken. */
export interface ReplayEvent {
  readonly step: number;
  readonly line: number;
  readonly decision: Decision;
}

export interface Replay {
  readonly metric: string;
  readonly records: readonly SimulationRecord[];
  readonly events: readonly ReplayEvent[];
  readonly logHasSteps: boolean;
}

/**
 * A monitor for a config typed or pasted in the page: JSON of any shape, which
 * createMonitor checks at run time (an AnnealError naming the field).
 */
export function monitorFromJson(json: unknown) {
  return createMonitor(json as MonitorConfigInput);
}

/** Replays `entries` through a fresh monitor of `config`; an AnnealError names the config field or the log line. */
export function replay(config: unknown, entries: readonly MetricsLogEntry[]): Replay {
  const monitor = monitorFromJson(config);
  const { metric } = monitor.config;
  const records: SimulationRecord[] = [];
  const events: ReplayEvent[] = [];
  for (const [index, { line, observation }] of entries.entries()) {
    let decisions: readonly Decision[];
    try {
      decisions = monitor.observe(observation);
    } catch (error) {
      if (!(error instanceof AnnealError)) throw error;
      throw new AnnealError(error.code, `Invalid metrics log: line ${line}: ${error.message.replace(/^Invalid observation: /, '')}`, error.issues);
    }
    const step = monitor.state.step ?? index;
    records.push({ step, epoch: observation.epoch ?? null, value: observation.metrics[metric] ?? null, lr: monitor.lr, events: decisions });
    for (const decision of decisions) {
      if (decision.type !== 'improve' && decision.type !== 'badEvaluation') events.push({ step, line, decision });
    }
  }
  const logHasSteps = entries.some(({ observation }) => observation.step !== undefined);
  return { metric, records, events, logHasSteps };
}

/** The chart `anneal simulate --plot` draws for this replay. */
export function replayChartSpec(run: Replay) {
  return runChartSpec(simulationRunChart(run.records, { metric: run.metric, logHasSteps: run.logHasSteps }));
}

/** A line of the decision list: `step 240: drop 0.05 → 0.025 (plateau): reason`. */
export function describeEvent({ step, decision: d }: ReplayEvent): string {
  const rate = (lr: number) => Number(lr.toPrecision(4)).toString();
  switch (d.type) {
    case 'drop':
    case 'restart':
      return `step ${step}: ${d.type} ${rate(d.from)} → ${rate(d.to)} (${d.rule}): ${d.reason}`;
    case 'stop':
    case 'skip':
      return `step ${step}: ${d.type} (${d.rule}): ${d.reason}`;
    case 'nan':
      return `step ${step}: nan: ${d.metric} is ${d.value}`;
    default:
      return `step ${step}: ${d.type}`;
  }
}
