import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type AnyRuleDefinition,
  createDefaultRegistry,
  createMonitor,
  type Decision,
  type MonitorConfigInput,
  type ObservationInput,
  type RuleRegistry,
} from '@anneal/monitor';
import { testRegistry } from './support/test-rules.js';

interface TraceEntry {
  readonly decisions: readonly Decision[];
  readonly lr: number;
  /** The rate a little past the observation, so origin/stretch/scale all show. */
  readonly ahead: number;
}

/** Feeds observations to a monitor and records what a trainer would see after each. */
function trace(monitor: ReturnType<typeof createMonitor>, observations: readonly ObservationInput[]): TraceEntry[] {
  return observations.map((observation) => {
    const decisions = monitor.observe(observation);
    return { decisions, lr: monitor.lr, ahead: monitor.lrAt((monitor.state.step ?? 0) + 7) };
  });
}

/**
 * Runs the observations once straight through, and once stopped at `split`: snapshot,
 * JSON.stringify, JSON.parse, a fresh monitor restored from it, the rest fed to that.
 */
function bothWays(config: MonitorConfigInput<AnyRuleDefinition> | Record<string, unknown>, registry: RuleRegistry, observations: readonly ObservationInput[], split: number) {
  const straight = createMonitor(config as never, { registry });
  const expected = trace(straight, observations);

  const first = createMonitor(config as never, { registry });
  const head = trace(first, observations.slice(0, split));
  const text = JSON.stringify(first.snapshot());
  const second = createMonitor(config as never, { registry, restore: JSON.parse(text) });
  const tail = trace(second, observations.slice(split));
  return { expected, actual: [...head, ...tail], straight, resumed: second };
}

// Metric values: a small ladder (so plateaus, drops and restarts happen) mixed with any
// double, NaN, ±Infinity and -0 included (fc.double generates them).
const metricValue = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }).map((k) => 1 + k / 4) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0) },
);

const observationsArbitrary = fc
  .array(
    fc.record({ delta: fc.nat({ max: 15 }), value: metricValue, missing: fc.integer({ min: 0, max: 9 }).map((k) => k === 0) }),
    { minLength: 1, maxLength: 80, size: 'max' },
  )
  .chain((entries) =>
    fc.record({ withSteps: fc.boolean() }).map(({ withSteps }) => {
      let step = 0;
      return entries.map(({ delta, value, missing }): ObservationInput => {
        step += delta;
        const metrics: Record<string, number> = missing ? { other: value } : { loss: value, other: 1 };
        return withSteps ? { step, metrics } : { metrics };
      });
    }),
  );

const configArbitrary = fc.record({
  base: fc.constantFrom<Record<string, unknown>>(
    { initialLearningRate: 0.1 },
    { schedule: { kind: 'exponentialDecay', initialLearningRate: 1, decaySteps: 10, decayRate: 0.5 } },
  ),
  mode: fc.constantFrom('min', 'max'),
  minLr: fc.constantFrom(0, 1e-3),
  rules: fc.constantFrom<unknown[]>(
    [{ kind: 'patience', patience: 1, factor: 0.5 }],
    [
      { kind: 'skipNonFinite' },
      { kind: 'patience', patience: 2, factor: 0.3, cooldown: 2 },
      { kind: 'restartAfter', after: 2, mMul: 0.5, tMul: 2, maxRestarts: 2 },
    ],
    [
      { kind: 'patience', name: 'slow', patience: 3, factor: 0.1 },
      { kind: 'patience', name: 'fast', patience: 0, factor: 0.9, cooldown: 1 },
      { kind: 'above', limit: 2.2, factor: 0.7 },
      { kind: 'restartAfter', after: 3, maxRestarts: 1 },
    ],
  ),
});

// The built-in rules, in combinations that make them interact (drops feeding restarts,
// restarts exhausting into early stops, NaN policies screening observations).
const builtinRulesArbitrary = fc.constantFrom<unknown[]>(
  [{ kind: 'plateau', patience: 2, factor: 0.5, cooldown: 1, compat: 'torch' }],
  [{ kind: 'plateau', patience: 2, factor: 0.5, cooldown: 1, threshold: 0.01, compat: 'keras' }],
  [
    { kind: 'nanGuard', action: 'skip' },
    { kind: 'plateau', patience: 1, factor: 0.3 },
    { kind: 'warmRestart', after: { drops: 2 }, mMul: 0.5, tMul: 2, maxRestarts: 2 },
    { kind: 'earlyStop', patience: null, whenRestartsExhausted: true },
  ],
  [
    { kind: 'nanGuard', action: 'drop', factor: 0.5, maxConsecutive: 2 },
    { kind: 'severityDrop', trigger: 0.2, baseFactor: 0.5, minFactor: 0.05, cooldown: 2 },
    { kind: 'plateau', patience: 3, factor: 0.1, compat: 'anneal' },
    { kind: 'warmRestart', after: { floorEvaluations: 3 }, maxRestarts: 1 },
    { kind: 'earlyStop', patience: 12, minDelta: 0.01 },
  ],
  [
    { kind: 'nanGuard', action: 'stop', maxConsecutive: 3 },
    { kind: 'plateau', patience: 0, factor: 0.9 },
    { kind: 'warmRestart', after: { drops: 3, patience: 1 } },
  ],
);

describe('snapshot and resume (property)', () => {
  it('reproduces the uninterrupted trace exactly with the built-in rules, resumed at any split point through JSON', () => {
    const registry = createDefaultRegistry();
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        configArbitrary,
        builtinRulesArbitrary,
        observationsArbitrary,
        fc.nat(),
        ({ base, mode, minLr }, rules, observations, at) => {
          const config = { ...base, metric: 'loss', mode, minLr: minLr === 0 ? 0 : 0.01, onMissing: 'skip', rules };
          const split = at % (observations.length + 1);
          const { expected, actual, straight, resumed } = bothWays(config, registry, observations, split);
          expect(actual).toEqual(expected);
          expect(resumed.state).toEqual(straight.state);
          for (const entry of expected) for (const d of entry.decisions) seen.add(d.type);
        },
      ),
      { numRuns: 200 },
    );
    // The runs must have crossed every kind of change, or the property proved little.
    expect([...seen].sort()).toEqual(['badEvaluation', 'drop', 'improve', 'nan', 'restart', 'skip', 'stop']);
  });

  it('reproduces the uninterrupted trace exactly with custom rules, resumed at any split point through JSON', () => {
    const registry = testRegistry();
    fc.assert(
      fc.property(configArbitrary, observationsArbitrary, fc.nat(), ({ base, mode, minLr, rules }, observations, at) => {
        const config = { ...base, metric: 'loss', mode, minLr, onMissing: 'skip', rules };
        const split = at % (observations.length + 1);
        const { expected, actual, straight, resumed } = bothWays(config, registry, observations, split);
        expect(actual).toEqual(expected);
        expect(resumed.state).toEqual(straight.state);
      }),
      { numRuns: 200 },
    );
  });
});
