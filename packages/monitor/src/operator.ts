import { Observable, type OperatorFunction, tap } from 'rxjs';
import { compileMonitor } from './config.js';
import type { Decision } from './decision.js';
import type { ObservationInput } from './observation.js';
import { reduce } from './reduce.js';
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
  return (source) =>
    new Observable<Decision>((subscriber) => {
      // States are immutable values, so sharing `start` between subscriptions is safe.
      let state = start;
      // `tap` (not a hand-made observer) so that a throwing `reduce` errors the stream and
      // unsubscribes from the source, synchronous sources included.
      return source
        .pipe(
          tap((observation) => {
            if (subscriber.closed) return; // downstream left during a synchronous source
            const result = reduce(state, observation, program);
            state = result.state;
            for (const decision of result.decisions) subscriber.next(decision);
          }),
        )
        .subscribe({ error: (error: unknown) => subscriber.error(error), complete: () => subscriber.complete() });
    });
}
