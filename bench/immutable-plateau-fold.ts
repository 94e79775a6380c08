// The floor of the pure-reducer contract, for `pnpm bench monitor`: torch's
// ReduceLROnPlateau written by hand as an immutable fold that builds, per observation,
// exactly the objects `reduce` must return — a new monitor state (the 12 fields of
// MonitorState), a new rule state in a new rules array, a decisions array holding the
// evaluation (and the drop, on a drop) and a `{ state, decisions, lr }` result — but
// with no rule protocol (no context, no rule call, no arbitration) and no validation.
// `reduce` cannot be cheaper than this; the distance between them is what the rule
// protocol and the checks cost.

export interface PlateauOptions {
  readonly patience: number;
  readonly factor: number;
  readonly threshold: number;
  readonly cooldown: number;
  readonly eps: number;
}

export interface RuleState {
  readonly best: number | null;
  readonly bestStep: number | null;
  readonly bad: number;
  readonly cooldown: number;
}

export interface State {
  readonly count: number;
  readonly step: number | null;
  readonly scale: number;
  readonly origin: number;
  readonly stretch: number;
  readonly restarts: number;
  readonly best: number | null;
  readonly bestStep: number | null;
  readonly sinceImprovement: number;
  readonly stopped: boolean;
  readonly rules: readonly RuleState[];
  readonly smoother: undefined;
}

type Decision =
  | { readonly type: 'improve'; readonly step: number; readonly value: number; readonly previous: number | null }
  | { readonly type: 'badEvaluation'; readonly step: number; readonly value: number; readonly best: number | null; readonly count: number }
  | { readonly type: 'drop'; readonly rule: string; readonly reason: string; readonly step: number; readonly from: number; readonly to: number };

interface Result {
  readonly state: State;
  readonly decisions: readonly Decision[];
  readonly lr: number;
}

interface Observation {
  readonly step: number;
  readonly metrics: { readonly val_loss: number };
}

/** One observation: the rule's counting (torch `step`), then the monitor's bookkeeping. */
function fold(state: State, observation: Observation, options: PlateauOptions, base: number, minLr: number): Result {
  const step = observation.step;
  const value = observation.metrics.val_loss;
  const best = state.best;
  const improved = best === null || value < best;
  const sinceImprovement = improved ? 0 : state.sinceImprovement + 1;
  const lr = Math.max(state.scale * base, minLr);

  const rule = state.rules[0] as RuleState;
  const ruleBest = rule.best ?? Infinity;
  const improves = value < ruleBest * (1 - options.threshold);
  let bad = improves ? 0 : rule.bad + 1;
  let cooldown = rule.cooldown;
  if (cooldown > 0) {
    cooldown -= 1;
    bad = 0;
  }
  let scale = state.scale;
  let after = lr;
  let drop: Decision | null = null;
  if (bad > options.patience) {
    bad = 0;
    cooldown = options.cooldown;
    const to = Math.max(lr * options.factor, minLr);
    if (lr - to > options.eps) {
      scale = state.scale * options.factor;
      after = to;
      drop = { type: 'drop', rule: 'plateau', reason: 'no improvement', step, from: lr, to };
    }
  }
  const ruleState: RuleState = { best: improves ? value : rule.best, bestStep: improves ? step : rule.bestStep, bad, cooldown };
  const evaluation: Decision = improved
    ? { type: 'improve', step, value, previous: best }
    : { type: 'badEvaluation', step, value, best, count: sinceImprovement };
  const next: State = {
    count: state.count + 1,
    step,
    scale,
    origin: state.origin,
    stretch: state.stretch,
    restarts: state.restarts,
    best: improved ? value : best,
    bestStep: improved ? step : state.bestStep,
    sinceImprovement,
    stopped: false,
    rules: [ruleState],
    smoother: undefined,
  };
  return { state: next, decisions: drop === null ? [evaluation] : [evaluation, drop], lr: after };
}

/** The state before the first observation (as the monitor's initialState for one plateau rule). */
export function initialFoldState(): State {
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
    rules: [{ best: null, bestStep: null, bad: 0, cooldown: 0 }],
    smoother: undefined,
  };
}

/** Replays `losses` through the fold (observation objects built per call, as a trainer does); writes the rate after each into `out`. */
export function immutablePlateauFold(losses: Float64Array, out: Float64Array, options: PlateauOptions, base: number, minLr: number): void {
  let state = initialFoldState();
  for (let i = 0; i < losses.length; i++) {
    const result = fold(state, { step: i, metrics: { val_loss: losses[i] as number } }, options, base, minLr);
    state = result.state;
    out[i] = result.lr;
  }
}
