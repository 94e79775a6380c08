import { AnnealError } from '@anneal/core';
import { type AnyRuleDefinition, createMonitor, isMonitor, type Monitor, type MonitorConfigInput, type RuleRegistry, type RunSnapshot } from '@anneal/monitor';
import { readRate } from './binding.js';

/** Where a scheduler's monitor comes from, and what its snapshot must record about the base. */
export interface MonitorSource {
  /** The monitor, made on first use when the base is the optimizer's rate (read then). */
  monitor(): Monitor;
  /** The snapshot members that describe the base (`baseLearningRate`, `schedule`). */
  baseRecord(): Pick<RunSnapshot, 'baseLearningRate' | 'schedule'>;
}

/** True for a config that names neither `initialLearningRate` nor `schedule`. */
function namesNoRate(config: unknown): boolean {
  if (config === null || typeof config !== 'object') return false;
  const record = config as { initialLearningRate?: unknown; schedule?: unknown };
  return record.initialLearningRate === undefined && record.schedule === undefined;
}

const hasFunctionSchedule = (config: unknown) =>
  config !== null && typeof config === 'object' && typeof (config as { schedule?: unknown }).schedule === 'function';

/**
 * The monitor of a scheduler. A config without a rate takes the binding's rate as its
 * base when training begins (the first time the monitor is needed), or the rate a
 * restored snapshot recorded, so a resumed run does not re-read a rate anneal lowered.
 */
export function monitorSource(
  configOrMonitor: unknown,
  getRate: (() => number) | undefined,
  options: { readonly registry?: RuleRegistry | undefined; readonly restored?: RunSnapshot | undefined },
): MonitorSource {
  const { registry, restored } = options;
  if (isMonitor(configOrMonitor)) {
    const monitor = configOrMonitor;
    const schedule = typeof monitor.config.schedule === 'function' ? ('function' as const) : undefined;
    return { monitor: () => monitor, baseRecord: () => ({ schedule }) };
  }
  // Validated by createMonitor; typed for it here (the adapters' own signatures are typed).
  const config = configOrMonitor as MonitorConfigInput<AnyRuleDefinition>;
  const fn = hasFunctionSchedule(config);
  if (restored !== undefined && (restored.schedule === 'function') !== fn) {
    const rule =
      `must match the kind of schedule of the config (the snapshot was taken with ${fn ? 'a { kind } schedule' : 'a function schedule'} ` +
      `and this config has ${fn ? 'a function' : 'none'}; restore it with the same kind of config)`;
    throw new AnnealError('INVALID_SNAPSHOT', { subject: 'loop snapshot', issues: [{ path: 'schedule', value: restored.schedule, rule }] });
  }
  const schedule = fn ? ('function' as const) : undefined;
  const restoreMonitor = restored?.monitor;
  let base = namesNoRate(config) ? restored?.baseLearningRate : undefined;
  let monitor: Monitor | undefined;
  if (!namesNoRate(config) || base !== undefined) {
    monitor = createMonitor(config, { registry, restore: restoreMonitor, baseLearningRate: base });
  } else {
    if (getRate === undefined) {
      const rule = "is required unless the binding has getLearningRate() (give initialLearningRate or schedule, or a binding to take the optimizer's rate from)";
      throw new AnnealError('INVALID_CONFIG', { subject: 'monitor config', issues: [{ path: 'initialLearningRate', value: undefined, rule }] });
    }
    createMonitor(config, { registry, baseLearningRate: 0 }); // checks the rest of the config now, not at the first batch
  }
  return {
    monitor() {
      if (monitor === undefined) {
        base = readRate(getRate as () => number);
        monitor = createMonitor(config, { registry, restore: restoreMonitor, baseLearningRate: base });
      }
      return monitor;
    },
    baseRecord: () => ({ baseLearningRate: base, schedule }),
  };
}
