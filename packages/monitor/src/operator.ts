import { concatMap, type OperatorFunction, scan } from 'rxjs';
import { compileMonitor } from './config.js';
import type { Decision } from './decision.js';
import type { ObservationInput } from './observation.js';
import { type ReduceResult, reduce } from './reduce.js';
import type { RuleRegistry } from './registry.js';
import { startingState } from './snapshot.js';

export interface ApplyRulesOptions {
  /** The rule kinds the config may name; defaults to the built-in rules. */
  readonly registry?: RuleRegistry;
  /** A snapshot (see `createMonitor().snapshot()`) to start every subscription from. */
  readonly restore?: unknown;
}

/**
 * An RxJS operator from observations to decisions: `reduce` folded over the stream,
 * like `scan`, each observation's decisions emitted in order. Each subscription starts
 * from its own initial state (or from `restore`), so the operator is cold and pure.
 * An invalid observation errors the stream with the `AnnealError` (INVALID_OBSERVATION).
 * The config and snapshot are validated when `applyRules` is called, not on subscribe.
 *
 * @example
 * metrics$.pipe(applyRules({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau' }] }))
 *   .subscribe((d) => console.log(d.type));
 */
export function applyRules(config: unknown, options: ApplyRulesOptions = {}): OperatorFunction<ObservationInput, Decision> {
  const program = compileMonitor(config, options.registry);
  const start = startingState(program, options.restore);
  // `scan` folds `reduce` over the stream (a throwing reduce errors it and unsubscribes
  // from the source), from its seed afresh on every subscription; `concatMap` flattens
  // each observation's decisions in order. States are immutable values, so sharing the
  // seed `start` between subscriptions is safe.
  const seed: ReduceResult = { state: start, decisions: [] };
  return (source) =>
    source.pipe(
      scan((previous: ReduceResult, observation: ObservationInput) => reduce(previous.state, observation, program), seed),
      concatMap((result) => result.decisions), // an array is an ObservableInput: its items, in order
    );
}
