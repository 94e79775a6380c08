// Experiment behind docs/benchmarks.md ("Where reduce's time goes"): what the rule
// protocol costs on top of the objects the pure reducer must return. Three folds of the
// same stream through torch's ReduceLROnPlateau, each against the hand-written loop of
// `pnpm bench monitor`, in one process:
//   1. the immutable fold of bench/immutable-plateau-fold.ts (reduce's outputs, no protocol);
//   2. the same fold with the rule behind a plugin call as reduce makes it: a context
//      object, an `{ options, state, ctx }` argument and an `{ state, proposal }` outcome
//      (no validation, no arbitration beyond one rule);
//   3. reduce() itself.
// Not part of `pnpm bench`; run it with `tsx bench/experiments/rule-call-cost.ts`.
import { compileMonitor, initialState, reduce } from '@anneal/monitor';
import { compare, formatSuite, maxRelativeDifference, type Row } from '../harness.js';
import { immutablePlateauFold, initialFoldState, type PlateauOptions, type RuleState, type State } from '../immutable-plateau-fold.js';
import { config, handWrittenPlateau, lossStream, plateauOptions } from '../monitor.bench.js';

type Proposal = { readonly type: 'drop'; readonly factor: number; readonly reason: string };

interface Outcome {
  readonly state: RuleState;
  readonly proposal?: Proposal;
}

/** The context a rule sees, built once per observation (as reduce's ObservationContext). */
class Context {
  constructor(
    readonly step: number,
    readonly value: number,
    readonly raw: number,
    readonly finite: boolean,
    readonly improved: boolean,
    readonly lr: number,
    readonly scale: number,
    readonly minLr: number,
    readonly sinceImprovement: number,
  ) {}
}

interface Rule {
  readonly options: PlateauOptions;
  readonly onObservation: (args: { readonly options: PlateauOptions; readonly state: RuleState; readonly ctx: Context }) => Outcome;
}

/** torch's counting as a plugin: the same arithmetic as the immutable fold's. */
const plateauRule: Rule = {
  options: plateauOptions,
  onObservation: ({ options, state, ctx }) => {
    const improves = ctx.value < (state.best ?? Infinity) * (1 - options.threshold);
    let bad = improves ? 0 : state.bad + 1;
    let cooldown = state.cooldown;
    if (cooldown > 0) {
      cooldown -= 1;
      bad = 0;
    }
    const best = improves ? ctx.value : state.best;
    const bestStep = improves ? ctx.step : state.bestStep;
    if (bad <= options.patience) return { state: { best, bestStep, bad, cooldown } };
    const reset = { best, bestStep, bad: 0, cooldown: options.cooldown };
    const to = Math.max(ctx.lr * options.factor, ctx.minLr);
    if (!(ctx.lr - to > options.eps)) return { state: reset };
    return { state: reset, proposal: { type: 'drop', factor: options.factor, reason: 'no improvement' } };
  },
};

function pluginFold(losses: Float64Array, out: Float64Array, rules: readonly Rule[], base: number, minLr: number): void {
  let state: State = initialFoldState();
  for (let i = 0; i < losses.length; i++) {
    const observation = { step: i, metrics: { val_loss: losses[i] as number } };
    const step = observation.step;
    const value = observation.metrics.val_loss;
    const best = state.best;
    const improved = best === null || value < best;
    const sinceImprovement = improved ? 0 : state.sinceImprovement + 1;
    const lr = Math.max(state.scale * base, minLr);
    const ctx = new Context(step, value, value, true, improved, lr, state.scale, minLr, sinceImprovement);
    let ruleStates = state.rules;
    let scale = state.scale;
    let after = lr;
    const decisions: object[] = [improved ? { type: 'improve', step, value, previous: best } : { type: 'badEvaluation', step, value, best, count: sinceImprovement }];
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as Rule;
      const outcome = rule.onObservation({ options: rule.options, state: ruleStates[r] as RuleState, ctx });
      if (outcome.state !== ruleStates[r]) {
        const copy = ruleStates.slice();
        copy[r] = outcome.state;
        ruleStates = copy;
      }
      if (outcome.proposal !== undefined) {
        scale = state.scale * outcome.proposal.factor;
        after = Math.max(scale * base, minLr);
        decisions.push({ type: 'drop', rule: 'plateau', reason: outcome.proposal.reason, step, from: lr, to: after });
      }
    }
    const result = {
      state: {
        count: state.count + 1, step, scale, origin: state.origin, stretch: state.stretch, restarts: state.restarts,
        best: improved ? value : best, bestStep: improved ? step : state.bestStep, sinceImprovement, stopped: false,
        rules: ruleStates, smoother: undefined,
      },
      decisions,
      lr: after,
    };
    state = result.state;
    out[i] = result.lr;
  }
}

const count = Number(process.env.BENCH_OBSERVATIONS ?? 200_000);
const losses = lossStream(count);
const expected = new Float64Array(count);
handWrittenPlateau(losses, expected);
const baselineOut = new Float64Array(count);
const baseline = () => handWrittenPlateau(losses, baselineOut);

const program = compileMonitor(config);
const outputs = { floor: new Float64Array(count), plugin: new Float64Array(count), reduce: new Float64Array(count) };
const folds: Record<keyof typeof outputs, [string, () => void]> = {
  floor: ['1. immutable fold (reduce\'s outputs, no protocol)', () => immutablePlateauFold(losses, outputs.floor, plateauOptions, config.initialLearningRate, config.minLr)],
  plugin: ['2. the same with the rule behind a plugin call', () => pluginFold(losses, outputs.plugin, [plateauRule], config.initialLearningRate, config.minLr)],
  reduce: [
    '3. reduce()',
    () => {
      let state = initialState(program);
      for (let i = 0; i < count; i++) {
        const result = reduce(state, { step: i, metrics: { val_loss: losses[i] as number } }, program);
        state = result.state;
        outputs.reduce[i] = result.lr;
      }
    },
  ],
};
const rows: Row[] = [];
for (const key of Object.keys(folds) as (keyof typeof outputs)[]) {
  const [name, fold] = folds[key];
  const row = compare(name, fold, baseline, { rounds: 9 });
  const difference = maxRelativeDifference(outputs[key], expected);
  if (difference > 1e-12) row.note = `rates differ from the baseline (max rel. ${difference.toExponential(1)})`;
  rows.push(row);
}
const ns = (row: Row) => `${((row.oursMs * 1e6) / count).toFixed(0)} ns`;
console.log(
  formatSuite({
    title: 'what the rule protocol costs over the objects reduce must return (experiment)',
    rows,
    notes: [`${count.toLocaleString('en')} observations per fold; per observation: ${rows.map((row) => `${row.name.slice(0, 2)} ${ns(row)}`).join(', ')}.`],
  }),
);
