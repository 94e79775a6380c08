import { AnnealError, parseOrThrow } from '@anneal/core';
import {
  type AnyRuleDefinition,
  type BuiltinRule,
  type Decision,
  type Monitor,
  type MonitorConfigInput,
  parseRunSnapshot,
  type RuleRegistry,
  type RunSnapshot,
  runSnapshotVersion,
} from '@anneal/monitor';
import * as z from 'zod/mini';
import { type LrBinding, toBinding } from './binding.js';
import { monitorSource } from './run-base.js';
import type { SameKeys } from './same-keys.js';

/** What the schedule's step counts: batches (updates), or epochs as PyTorch users step `StepLR`. */
export type Interval = 'batch' | 'epoch';

export interface LoopSchedulerOptions<R extends AnyRuleDefinition = AnyRuleDefinition> {
  /** Rule kinds a config may name (with a config only; its type knows them); defaults to the built-in rules. */
  readonly registry?: RuleRegistry<R> | undefined;
  /**
   * A `snapshot()` (parsed JSON) to continue from. With a config, the monitor is restored
   * from it too; with a monitor, restore the monitor yourself (`createMonitor(config,
   * { restore: snapshot.monitor })`) and this restores the step and epoch counters.
   */
  readonly restore?: unknown;
  /**
   * `"batch"` (default): the schedule's step is the global step, the rate may change at
   * every update. `"epoch"`: the schedule's step counts epochs, the rate is the same for
   * every batch of an epoch (Lightning's `interval: "epoch"`, PyTorch's `scheduler.step()`
   * once per epoch).
   */
  readonly interval?: Interval;
}

export interface ReportOptions {
  /** Epoch recorded with the observation; defaults to the epoch counter. */
  readonly epoch?: number;
  /**
   * False for an evaluation in the middle of an epoch (every N batches): the epoch
   * counter stays. Default true: the report closes the epoch.
   */
  readonly endsEpoch?: boolean;
}

/**
 * Drives any training loop from a monitor: `step()` before each update, `report()`
 * after each evaluation. The global step counts `step()` calls and goes on across
 * epochs; the rate of an update is the monitor's `lrAt(t)`, t being the global step
 * (interval `"batch"`) or the epoch (interval `"epoch"`).
 */
export interface LoopScheduler {
  readonly monitor: Monitor;
  readonly interval: Interval;
  /** The rate the next `step()` will use. */
  readonly lr: number;
  /** Steps taken so far (the index of the next step). */
  readonly globalStep: number;
  /** Epoch recorded with the next report (epochs completed). */
  readonly epoch: number;
  /** True once the monitor decided to stop. */
  readonly shouldStop: boolean;
  /** Call once per batch, before the update: returns its rate, writes it through the binding, advances the step. */
  step(): number;
  /**
   * Call once per evaluation: feeds `{ step, epoch, metrics }` to the monitor and returns
   * its decisions, then writes the next rate through the binding. Once the observation is
   * committed the epoch counts, even when a listener of the monitor throws.
   */
  report(metrics: Readonly<Record<string, number>>, options?: ReportOptions): readonly Decision[];
  /** Closes an epoch that had no closing `report()` (when evaluating every N batches). */
  endEpoch(): void;
  /** The position as JSON, for `createLoopScheduler(config, binding, { restore })`. */
  snapshot(): RunSnapshot;
}

const isRegistry = (value: unknown) =>
  value !== null && typeof value === 'object' && typeof (value as RuleRegistry).get === 'function' && typeof (value as RuleRegistry).list === 'function';

// Strict, so a misspelt option is an error naming the option meant, not silently ignored.
// The TypeScript types stay the interfaces above (generic in the registry's rules, with
// their docs); `satisfies` checks each schema's values against its interface and
// `sameKeys` that neither has a key the other lacks (the strict schema would refuse it).
/** The options of `createLoopScheduler`, checked (adapters that take them check them under their own name). */
export const loopSchedulerOptionsSchema = z.strictObject(
  {
    registry: z.optional(z.custom<RuleRegistry>(isRegistry, 'must be a rule registry (createRegistry, createDefaultRegistry)')),
    restore: z.optional(z.unknown()), // checked by parseRunSnapshot
    interval: z.optional(z.enum(['batch', 'epoch'], 'must be "batch" or "epoch"')),
  },
  'must be an object of options',
) satisfies z.ZodMiniType<LoopSchedulerOptions>;

const reportOptionsSchema = z.strictObject(
  {
    epoch: z.optional(z.int('must be an integer >= 0').check(z.gte(0, 'must be an integer >= 0'))),
    endsEpoch: z.optional(z.boolean('must be a boolean')),
  },
  'must be an object of options',
) satisfies z.ZodMiniType<ReportOptions>;

true satisfies SameKeys<z.output<typeof loopSchedulerOptionsSchema>, LoopSchedulerOptions>;
true satisfies SameKeys<z.output<typeof reportOptionsSchema>, ReportOptions>;

/**
 * Creates a scheduler for a hand-written loop, from a monitor config (validated; see
 * `createMonitor`) or a monitor. The binding receives the rate whenever it changes
 * (once at the first step), so it can be an optimizer's `setLearningRate`. A config
 * with neither `initialLearningRate` nor `schedule` starts from the binding's
 * `getLearningRate()`, read when training begins (the first step) and kept in the snapshot.
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
  const { set, get } = toBinding(binding);
  const { registry, restore, interval = 'batch' } = parseOrThrow(loopSchedulerOptionsSchema, options, 'scheduler options');
  const restored = restore === undefined ? undefined : parseRunSnapshot(restore, 'loop');
  const counted = restored?.interval ?? 'batch';
  if (restored !== undefined && counted !== interval) {
    const rule = `must match the options' interval "${interval}" (the snapshot counts steps per ${counted}; restore it with interval "${counted}")`;
    throw new AnnealError('INVALID_SNAPSHOT', { subject: 'loop snapshot', issues: [{ path: 'interval', value: counted, rule }] });
  }
  const source = monitorSource(configOrMonitor, get, { registry, restored });
  let globalStep = restored?.step ?? 0;
  let epoch = restored?.epoch ?? 0;
  let written = Number.NaN; // last rate handed to the binding (NaN: none yet)
  const scheduleStep = () => (interval === 'batch' ? globalStep : epoch);
  const write = (lr: number) => {
    if (set !== undefined && lr !== written) {
      set(lr);
      written = lr;
    }
  };

  return {
    get monitor() {
      return source.monitor();
    },
    interval,
    get lr() {
      return source.monitor().lrAt(scheduleStep());
    },
    get globalStep() {
      return globalStep;
    },
    get epoch() {
      return epoch;
    },
    get shouldStop() {
      return source.monitor().state.stopped;
    },
    step() {
      const lr = source.monitor().lrAt(scheduleStep());
      write(lr);
      globalStep += 1;
      return lr;
    },
    report(metrics, reportOptions = {}) {
      const { epoch: at = epoch, endsEpoch = true } = parseOrThrow(reportOptionsSchema, reportOptions, 'report options');
      const monitor = source.monitor();
      // In epoch mode an observation closing epoch e is at step e + 1 (epochs completed),
      // as batch mode observes at the number of batches completed.
      const step = interval === 'batch' ? globalStep : endsEpoch ? at + 1 : at;
      const count = monitor.state.count;
      try {
        return monitor.observe({ step, epoch: at, metrics });
      } finally {
        // Committed (whatever a listener threw): the epoch counts, the optimizer gets the new rate.
        if (monitor.state.count !== count) {
          if (endsEpoch) epoch = at + 1;
          write(monitor.lrAt(scheduleStep()));
        }
      }
    },
    endEpoch() {
      epoch += 1;
    },
    snapshot() {
      const monitor = source.monitor().snapshot();
      const record = source.baseRecord();
      return {
        version: runSnapshotVersion,
        step: globalStep,
        epoch,
        monitor,
        ...(record.baseLearningRate !== undefined && { baseLearningRate: record.baseLearningRate }),
        ...(record.schedule !== undefined && { schedule: record.schedule }),
        ...(interval !== 'batch' && { interval }),
      };
    },
  };
}
