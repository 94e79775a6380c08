import { AnnealError, describeValue } from '@anneal/core';
import {
  type AnyRuleDefinition,
  type BuiltinRule,
  createMonitor,
  type Decision,
  isMonitor,
  type Monitor,
  type MonitorConfigInput,
  parseRunSnapshot,
  type RuleRegistry,
} from '@anneal/monitor';
import { type LrBinding, toSetter } from './binding.js';
import { type LoopSnapshot, loopSnapshotVersion } from './loop-snapshot.js';

export interface LoopSchedulerOptions<R extends AnyRuleDefinition = AnyRuleDefinition> {
  /** Rule kinds a config may name (with a config only; its type knows them); defaults to the built-in rules. */
  readonly registry?: RuleRegistry<R> | undefined;
  /**
   * A `snapshot()` (parsed JSON) to continue from. With a config, the monitor is restored
   * from it too; with a monitor, restore the monitor yourself (`createMonitor(config,
   * { restore: snapshot.monitor })`) and this restores the step and epoch counters.
   */
  readonly restore?: unknown;
}

export interface ReportOptions {
  /** Epoch recorded with the observation; defaults to the number of earlier reports. */
  readonly epoch?: number;
}

/**
 * Drives any training loop from a monitor: `step()` before each update, `report()`
 * after each evaluation. The global step counts `step()` calls and goes on across
 * epochs; the rate of step t is the monitor's `lrAt(t)`.
 */
export interface LoopScheduler {
  readonly monitor: Monitor;
  /** The rate the next `step()` will use. */
  readonly lr: number;
  /** Steps taken so far (the index of the next step). */
  readonly globalStep: number;
  /** Epoch recorded with the next report. */
  readonly epoch: number;
  /** True once the monitor decided to stop. */
  readonly shouldStop: boolean;
  /** Call once per batch, before the update: returns its rate, writes it through the binding, advances the step. */
  step(): number;
  /** Call once per evaluation: feeds `{ step, epoch, metrics }` to the monitor and returns its decisions. */
  report(metrics: Readonly<Record<string, number>>, options?: ReportOptions): readonly Decision[];
  /** The position as JSON, for `createLoopScheduler(config, binding, { restore })`. */
  snapshot(): LoopSnapshot;
}

/**
 * Creates a scheduler for a hand-written loop, from a monitor config (validated; see
 * `createMonitor`) or a monitor. The binding receives the rate whenever it changes
 * (once at the first step), so it can be an optimizer's `setLearningRate`.
 *
 * @example
 * const scheduler = createLoopScheduler(config, (lr) => { learningRate = lr; });
 * for (let epoch = 0; epoch < 100 && !scheduler.shouldStop; epoch++) {
 *   for (const batch of batches) update(batch, scheduler.step());
 *   scheduler.report({ val_loss: validate() });
 * }
 */
export function createLoopScheduler<R extends AnyRuleDefinition = BuiltinRule>(
  configOrMonitor: Monitor | NoInfer<MonitorConfigInput<R>>,
  binding?: LrBinding,
  options: LoopSchedulerOptions<R> = {},
): LoopScheduler {
  const setter = toSetter(binding);
  const restored = options.restore === undefined ? undefined : parseRunSnapshot(options.restore, 'loop');
  const monitor = isMonitor(configOrMonitor)
    ? configOrMonitor
    : createMonitor(configOrMonitor, { registry: options.registry, restore: restored?.monitor });
  let globalStep = restored?.step ?? 0;
  let epoch = restored?.epoch ?? 0;
  let written = Number.NaN; // last rate handed to the binding (NaN: none yet)

  return {
    monitor,
    get lr() {
      return monitor.lrAt(globalStep);
    },
    get globalStep() {
      return globalStep;
    },
    get epoch() {
      return epoch;
    },
    get shouldStop() {
      return monitor.state.stopped;
    },
    step() {
      const lr = monitor.lrAt(globalStep);
      if (setter !== undefined && lr !== written) {
        setter(lr);
        written = lr;
      }
      globalStep += 1;
      return lr;
    },
    report(metrics, reportOptions = {}) {
      const at = reportOptions.epoch ?? epoch;
      if (!Number.isInteger(at) || at < 0) {
        throw new AnnealError('INVALID_OPTIONS', `Invalid report: epoch: must be an integer >= 0 (got ${describeValue(at)})`, [
          { path: 'epoch', value: at, rule: 'must be an integer >= 0' },
        ]);
      }
      const decisions = monitor.observe({ step: globalStep, epoch: at, metrics });
      epoch = at + 1;
      return decisions;
    },
    snapshot() {
      return { version: loopSnapshotVersion, step: globalStep, epoch, monitor: monitor.snapshot() };
    },
  };
}
