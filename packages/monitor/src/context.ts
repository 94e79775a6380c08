import type { MonitorProgram } from './config.js';
import type { RuleContext } from './define-rule.js';
import { lrWithScale } from './lr.js';
import type { Observation } from './observation.js';
import type { MonitorState } from './state.js';

/**
 * The context every rule sees on one observation, built once per observation on the
 * reducer's hot path. It holds only what the observation brings; what the state and the
 * program already know (best, scale, bounds…) is read through getters on the prototype,
 * and `lrWithScale` is a method rather than a closure. Read its members and call
 * `ctx.lrWithScale(s)`; do not spread it (getters do not spread) or keep it.
 *
 * (Reusing one context across observations was measured slower: storing each young
 * state into a long-lived object costs the garbage collector's write barrier more
 * than allocating a small object that dies young.)
 */
export class ObservationContext implements RuleContext {
  readonly step: number;
  readonly mode: 'min' | 'max';
  readonly sinceImprovement: number;

  constructor(
    private readonly program: MonitorProgram,
    private readonly state: MonitorState,
    readonly observation: Observation,
    readonly value: number,
    readonly raw: number,
    readonly finite: boolean,
    readonly improved: boolean,
    readonly lr: number,
  ) {
    this.step = observation.step;
    this.mode = program.config.mode;
    this.sinceImprovement = improved ? 0 : state.sinceImprovement + 1;
  }

  get best(): number | null {
    return this.state.best;
  }

  get scale(): number {
    return this.state.scale;
  }

  get restarts(): number {
    return this.state.restarts;
  }

  get minLr(): number {
    return this.program.minLr;
  }

  get maxLr(): number {
    return this.program.maxLr;
  }

  get atFloor(): boolean {
    return this.lr <= this.program.minLr;
  }

  lrWithScale(scale: number): number {
    return lrWithScale(this.program, this.state, this.step, scale);
  }
}
