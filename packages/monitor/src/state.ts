import * as z from 'zod/mini';
import type { MonitorProgram } from './config.js';
import { initialSmoother, smootherStateSchema } from './smoothing.js';

/**
 * Everything the monitor remembers, as plain JSON. The rate at step t is
 * `clamp(scale · base((t − origin) / stretch), minLr, maxLr)`.
 */
export const monitorStateSchema = z.object({
  /** Observations processed. */
  count: z.number().check(z.int(), z.nonnegative()),
  /** Step of the last observation (null before the first). */
  step: z.nullable(z.number().check(z.nonnegative())),
  /** Multiplier of the base schedule: drops lower it, a restart resets it. */
  scale: z.number().check(z.nonnegative()),
  /** Step where the base schedule's current cycle began (a restart moves it). */
  origin: z.number().check(z.nonnegative()),
  /** Stretch of the base schedule's time axis (a restart with tMul grows it). */
  stretch: z.number().check(z.positive()),
  restarts: z.number().check(z.int(), z.nonnegative()),
  /** Best finite metric value so far (strict improvement, no threshold). */
  best: z.nullable(z.number()),
  bestStep: z.nullable(z.number()),
  /** Evaluations since the last improvement. */
  sinceImprovement: z.number().check(z.int(), z.nonnegative()),
  stopped: z.boolean(),
  /** Each rule's own state, in config order. */
  rules: z.array(z.unknown()),
  /** The memory of the config's `smoothing`; absent without it (so such snapshots are unchanged). */
  smoother: z.optional(smootherStateSchema),
});

export type MonitorState = z.infer<typeof monitorStateSchema>;

/**
 * The state before the first observation: scale 1, origin 0, each rule's `init`.
 *
 * @example let state = initialState(compileMonitor(config));
 */
export function initialState(program: MonitorProgram): MonitorState {
  return {
    count: 0,
    step: null,
    scale: 1,
    origin: 0,
    stretch: 1,
    restarts: 0,
    best: null,
    bestStep: null,
    sinceImprovement: 0,
    stopped: false,
    rules: program.rules.map((rule) => rule.definition.init(rule.options)),
    smoother: initialSmoother(program.config.smoothing),
  };
}

/**
 * A state with some fields replaced. Built as one literal so that every state has the
 * same hidden class: object spreads in the reducer's hot path cost more than the rules.
 */
export function withFields(s: MonitorState, c: Partial<MonitorState>): MonitorState {
  return {
    count: c.count ?? s.count,
    step: c.step !== undefined ? c.step : s.step,
    scale: c.scale ?? s.scale,
    origin: c.origin ?? s.origin,
    stretch: c.stretch ?? s.stretch,
    restarts: c.restarts ?? s.restarts,
    best: c.best !== undefined ? c.best : s.best,
    bestStep: c.bestStep !== undefined ? c.bestStep : s.bestStep,
    sinceImprovement: c.sinceImprovement ?? s.sinceImprovement,
    stopped: c.stopped ?? s.stopped,
    rules: c.rules ?? s.rules,
    smoother: 'smoother' in c ? c.smoother : s.smoother,
  };
}
