import type { MonitorProgram } from './config.js';
import type { RuleContext } from './define-rule.js';
import { lrWithScale } from './lr.js';
import type { Observation } from './observation.js';
import type { MonitorState } from './state.js';

/**
 * The context every rule sees on one observation. A class so that `lrWithScale` is a
 * method on the prototype rather than a closure allocated per observation (the reducer's
 * hot path): read its members, call `ctx.lrWithScale(s)`; do not spread it.
 */
export class ObservationContext implements RuleContext {
  readonly best: number | null;
  readonly scale: number;
  readonly minLr: number;
  readonly maxLr: number;
  readonly atFloor: boolean;
  readonly restarts: number;
  readonly sinceImprovement: number;
  readonly #program: MonitorProgram;
  readonly #state: MonitorState;

  constructor(
    program: MonitorProgram,
    state: MonitorState,
    readonly observation: Observation,
    readonly step: number,
    readonly value: number,
    readonly raw: number,
    readonly finite: boolean,
    readonly mode: 'min' | 'max',
    readonly improved: boolean,
    readonly lr: number,
  ) {
    this.#program = program;
    this.#state = state;
    this.best = state.best;
    this.scale = state.scale;
    this.minLr = program.minLr;
    this.maxLr = program.maxLr;
    this.atFloor = lr <= program.minLr;
    this.restarts = state.restarts;
    this.sinceImprovement = improved ? 0 : state.sinceImprovement + 1;
  }

  lrWithScale(scale: number): number {
    return lrWithScale(this.#program, this.#state, this.step, scale);
  }
}
