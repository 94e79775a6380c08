import { describe, expect, it } from 'vitest';
import { compileMonitor } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// Parity of the plateau rule (compat "keras") with Keras 3's ReduceLROnPlateau callback.
// Keras is not installable here, so the reference is a transcription of
// keras/src/callbacks/reduce_lr_on_plateau.py (on_epoch_end, _reduce_optimizer_lr) and
// keras/src/callbacks/monitor_callback.py (_is_improvement, _set_monitor_op), read at
// keras-team/keras 3422977a5e (v3.15.0-143), for a single optimizer. Comparisons are in
// float64, as with the numpy backend (the TensorFlow backend casts both sides to float32
// first, which can move a near-tie the other way).
interface KerasOptions {
  mode: 'min' | 'max';
  factor?: number;
  patience?: number;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

class KerasReduceLROnPlateau {
  best: number | null = null; // _reset(): best = None
  wait = 0;
  cooldownCounter = 0;
  private readonly minDelta: number;

  constructor(
    public lr: number,
    private readonly o: Required<KerasOptions>,
    // The optimizer's learning rate is a float32 variable in Keras; `store` models the
    // assignment (identity for a float64 optimizer, Math.fround for Keras's own).
    private readonly store: (x: number) => number = (x) => x,
  ) {
    // MonitorCallback.__init__: self.min_delta = abs(min_delta); _set_monitor_op: *= -1 for `less`.
    this.minDelta = o.mode === 'min' ? -Math.abs(o.minDelta) : Math.abs(o.minDelta);
    this.lr = store(lr);
  }

  private isImprovement(monitorValue: number, referenceValue: number | null): boolean {
    if (referenceValue === null) return true;
    return this.o.mode === 'min' ? monitorValue - this.minDelta < referenceValue : monitorValue - this.minDelta > referenceValue;
  }

  private inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  onEpochEnd(current: number): void {
    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      if (this.wait >= this.o.patience) {
        let reduced = false;
        // _reduce_optimizer_lr: old_lr > np.float32(min_lr), min_lr rounded like the variable.
        const oldLr = this.lr;
        if (oldLr > this.store(this.o.minLr)) {
          this.lr = this.store(Math.max(oldLr * this.o.factor, this.o.minLr));
          reduced = true;
        }
        if (reduced) {
          this.cooldownCounter = this.o.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}

const kerasDefaults = { factor: 0.1, patience: 10, minDelta: 1e-4, cooldown: 0, minLr: 0 };

function reference(lr: number, options: KerasOptions, metrics: readonly number[], store?: (x: number) => number) {
  const callback = new KerasReduceLROnPlateau(lr, { ...kerasDefaults, ...options }, store);
  return metrics.map((m) => {
    callback.onEpochEnd(m);
    return { lr: callback.lr, wait: callback.wait, cooldown: callback.cooldownCounter, best: callback.best };
  });
}

/** The monitor config mirroring `ReduceLROnPlateau(**options)` on an optimizer at `lr`. */
function program(lr: number, options: KerasOptions) {
  const { mode, minLr, minDelta, factor, patience, cooldown } = { ...kerasDefaults, ...options };
  const rule = { kind: 'plateau', compat: 'keras', factor, patience, cooldown, threshold: minDelta };
  return compileMonitor(monitorConfig([rule], { initialLearningRate: lr, mode, minLr }));
}

function expectRelative(actual: number, expected: number, relative: number, where: string): void {
  if (!(Math.abs(actual - expected) <= relative * Math.abs(expected))) {
    expect.fail(`${where}: rate ${actual} differs from the reference ${expected} by more than ${relative} relative`);
  }
}

// The same noisy validation loss and accuracy as the torch parity tables (random.seed(3)).
const noisyLoss = [
  1.0019, 0.8946, 0.7506, 0.7095, 0.6198, 0.5662, 0.5643, 0.491, 0.4537, 0.4401, 0.4225, 0.3767, 0.3689, 0.3195, 0.3152,
  0.2989, 0.2675, 0.2515, 0.2377, 0.255, 0.2466, 0.2346, 0.2339, 0.198, 0.2158, 0.2153, 0.2191, 0.1811, 0.1843, 0.1466,
  0.1717, 0.1331, 0.144, 0.1901, 0.1199, 0.176, 0.1628, 0.1464, 0.1584, 0.1565,
];
const accuracy = [
  0.3105, 0.4065, 0.4919, 0.5647, 0.6205, 0.6788, 0.7114, 0.7627, 0.7602, 0.7899, 0.8093, 0.8126, 0.8646, 0.8314, 0.8607,
  0.8649, 0.8921, 0.8601, 0.8943, 0.8793, 0.8875, 0.8843, 0.899, 0.8826, 0.8943, 0.8995, 0.9151, 0.8732, 0.913, 0.9077,
  0.8937, 0.9018, 0.8943, 0.9157, 0.9014, 0.8973, 0.8973, 0.8976, 0.8979, 0.891,
];

const cases: Record<string, { lr: number; options: KerasOptions; metrics: readonly number[] }> = {
  constantWithCooldown: { lr: 0.1, options: { mode: 'min', factor: 0.5, patience: 2, cooldown: 2, minDelta: 0 }, metrics: Array(16).fill(3) },
  patienceZero: { lr: 0.1, options: { mode: 'min', factor: 0.5, patience: 0 }, metrics: [1, 1, 0.5, 0.6, 0.4, 0.4, 0.4] },
  floorNoFiring: { lr: 0.5, options: { mode: 'min', factor: 0.3, patience: 1, cooldown: 1, minLr: 0.04 }, metrics: Array(14).fill(1) },
  nanMidSequence: {
    lr: 0.1,
    options: { mode: 'min', factor: 0.5, patience: 1 },
    metrics: [1.0, 0.9, Number.NaN, Number.NaN, 0.95, Number.NaN, 0.8, Number.NaN, Number.NaN, Number.NaN, 0.85, 0.7],
  },
  negativeLoss: { lr: 0.1, options: { mode: 'min', factor: 0.5, patience: 2, minDelta: 0.01 }, metrics: [-1, -1.005, -1.02, -1.025, -1.0, -1.03, -1.031, -1.2] },
  // 0.02 + 0.05 is 0.07000000000000001 in binary, so Keras's `current − min_delta < best`
  // says no where torch's `a < best − threshold` (0.020000000000000004) says yes.
  exactDeltaTie: { lr: 0.1, options: { mode: 'min', factor: 0.5, patience: 1, minDelta: 0.05 }, metrics: [0.07, 0.02, 0.02, 0.02] },
  noisyLoss: { lr: 0.1, options: { mode: 'min', factor: 0.2, patience: 2, cooldown: 1, minDelta: 0.005, minLr: 1e-4 }, metrics: noisyLoss },
  noisyLossDefaults: { lr: 0.1, options: { mode: 'min', patience: 3 }, metrics: noisyLoss },
  accuracyMax: { lr: 0.05, options: { mode: 'max', factor: 0.5, patience: 2, minDelta: 0.002, cooldown: 1 }, metrics: accuracy },
};

describe('plateau (compat "keras") matches the transcription of Keras 3 ReduceLROnPlateau', () => {
  it.each(Object.keys(cases))('%s: the same rate (1e-12 relative), wait, cooldown_counter and best after every epoch', (name) => {
    const c = cases[name] as (typeof cases)[string];
    const expected = reference(c.lr, c.options, c.metrics);
    const rows = replay(program(c.lr, c.options), c.metrics);
    expected.forEach((ref, i) => {
      expectRelative(rows[i]?.lr as number, ref.lr, 1e-12, `${name}, epoch ${i}`);
      expect(rows[i]?.state.rules[0], `${name}, epoch ${i}`).toMatchObject({ bad: ref.wait, cooldown: ref.cooldown, best: ref.best });
    });
  });

  it.each(Object.keys(cases))('%s: agrees with Keras\'s float32 learning-rate variable to float32 precision', (name) => {
    const c = cases[name] as (typeof cases)[string];
    const expected = reference(c.lr, c.options, c.metrics, Math.fround);
    const rows = replay(program(c.lr, c.options), c.metrics);
    expected.forEach((ref, i) => expectRelative(rows[i]?.lr as number, ref.lr, 2 ** -23, `${name}, epoch ${i}`));
  });

  it('drops one evaluation earlier than torch for the same patience (patience-th, not (patience+1)-th)', () => {
    // Reference walk-through (on_epoch_end): epoch 0 sets best; epochs 1, 2 are bad → wait 2
    // >= patience 2 → reduce at epoch 2; cooldown 2 swallows epochs 3, 4 (decremented first,
    // so epoch 4 already counts: wait 1); epoch 5 → wait 2 → reduce.
    const c = cases.constantWithCooldown as (typeof cases)[string];
    const lrs = replay(program(c.lr, c.options), c.metrics).map((row) => row.lr);
    expect(lrs.slice(0, 8)).toEqual([0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025]);
    const torch = compileMonitor(
      monitorConfig([{ kind: 'plateau', compat: 'torch', factor: 0.5, patience: 2, cooldown: 2, threshold: 0, thresholdMode: 'abs' }]),
    );
    // torch: bad 1, 2, 3 > 2 → reduce at the 4th step (index 3).
    expect(replay(torch, c.metrics).map((row) => row.lr).slice(0, 4)).toEqual([0.1, 0.1, 0.1, 0.05]);
  });

  it('does not fire at the floor: wait keeps growing and no cooldown starts', () => {
    const c = cases.floorNoFiring as (typeof cases)[string];
    const rows = replay(program(c.lr, c.options), c.metrics);
    const last = rows[rows.length - 1];
    expect(last?.lr).toBe(0.04);
    expect(last?.state.rules[0]).toMatchObject({ cooldown: 0 });
    expect((last?.state.rules[0] as { bad: number }).bad).toBeGreaterThan(1);
    expect(rows.flatMap((row) => row.decisions).filter((d) => d.type === 'drop')).toHaveLength(3); // 0.5 → 0.15 → 0.045 → 0.04
  });

  it('never takes a first NaN for the best, where Keras would and then drop on a loss that is improving', () => {
    const metrics = [Number.NaN, 1, 0.5, 0.25];
    const keras = reference(0.1, { mode: 'min', patience: 2 }, metrics);
    // Keras: _is_improvement(nan, None) is True, and nothing compares better than NaN.
    expect(keras.map((epoch) => epoch.best)).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect(keras.map((epoch) => epoch.lr)).toEqual([0.1, 0.1, 0.010000000000000002, 0.010000000000000002]);
    // The monitor: the NaN is a bad evaluation (wait 1), then 1, 0.5, 0.25 are improvements.
    const rows = replay(program(0.1, { mode: 'min', patience: 2 }), metrics);
    expect(rows.map((row) => row.state.rules[0])).toMatchObject([
      { best: null, bad: 1 },
      { best: 1, bad: 0 },
      { best: 0.5, bad: 0 },
      { best: 0.25, bad: 0 },
    ]);
    expect(rows.map((row) => row.lr)).toEqual([0.1, 0.1, 0.1, 0.1]);
  });

  it('takes min_delta as absolute by default and rejects a relative threshold', () => {
    // best 1000; 999.95 beats it by 0.05 > min_delta 1e-4: an improvement for Keras, though
    // not for the relative band of the other modes (1000·(1 − 1e-4) = 999.9).
    const metrics = [1000, 999.95, 999.9, 999.85];
    const keras = replay(compileMonitor(monitorConfig([{ kind: 'plateau', compat: 'keras', patience: 1 }])), metrics);
    expect(keras.map((row) => row.lr)).toEqual([0.1, 0.1, 0.1, 0.1]);
    const anneal = replay(compileMonitor(monitorConfig([{ kind: 'plateau', patience: 1 }])), metrics);
    expect(anneal.map((row) => row.lr)).toEqual([0.1, 0.1, 0.010000000000000002, 0.010000000000000002]);
    expect(() => compileMonitor(monitorConfig([{ kind: 'plateau', compat: 'keras', thresholdMode: 'rel' }]))).toThrow(
      /rules\[0\]\.thresholdMode: must be "abs" under compat "keras"/,
    );
  });
});

describe('plateau compat "keras": reference edges (the transcription above)', () => {
  it('does not lift a rate that starts below minLr (Keras reduces only when old_lr > min_lr)', () => {
    const metrics = [1, 1, 1, 1, 1, 1];
    const expected = reference(1e-7, { mode: 'min', patience: 2, minLr: 1e-6 }, metrics).map((r) => r.lr);
    expect(expected).toEqual(Array(6).fill(1e-7));
    expect(replay(program(1e-7, { mode: 'min', patience: 2, minLr: 1e-6 }), metrics).map((row) => row.lr)).toEqual(expected);
  });

  it('takes -Infinity for the best in min mode, after which nothing improves', () => {
    const metrics = [1, -Infinity, 0.5, 0.25, 0.1, 0.05];
    const options: KerasOptions = { mode: 'min', patience: 2, factor: 0.5 };
    const expected = reference(0.1, options, metrics);
    expect(expected.map((r) => r.best)).toEqual([1, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity]);
    const rows = replay(program(0.1, options), metrics);
    expect(rows.map((row) => row.lr)).toEqual(expected.map((r) => r.lr));
    expect(rows.map((row) => (row.state.rules[0] as { best: number }).best)).toEqual(expected.map((r) => r.best));
  });
});

