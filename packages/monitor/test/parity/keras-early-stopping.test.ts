import { describe, expect, it } from 'vitest';
import { compileMonitor } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// The earlyStop rule's patience against Keras 3's EarlyStopping callback, transcribed from
// keras/src/callbacks/early_stopping.py (on_epoch_end) and monitor_callback.py
// (_is_improvement) at keras-team/keras 3422977a5e, with baseline None, start_from_epoch 0.
// Returns the epoch at which Keras sets model.stop_training, or null.
function kerasStopEpoch(metrics: readonly number[], mode: 'min' | 'max', patience: number, minDelta: number): number | null {
  const delta = mode === 'min' ? -Math.abs(minDelta) : Math.abs(minDelta);
  const isImprovement = (current: number, reference: number | null) =>
    reference === null ? true : mode === 'min' ? current - delta < reference : current - delta > reference;
  let wait = 0;
  let best: number | null = null;
  for (const [epoch, current] of metrics.entries()) {
    wait += 1;
    if (isImprovement(current, best)) {
      best = current;
      wait = 0; // baseline is None
      continue;
    }
    if (wait >= patience && epoch > 0) return epoch;
  }
  return null;
}

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

const cases = [
  { name: 'noisy loss, patience 3', metrics: noisyLoss, mode: 'min', patience: 3, minDelta: 0 },
  { name: 'noisy loss, patience 2, minDelta 0.01', metrics: noisyLoss, mode: 'min', patience: 2, minDelta: 0.01 },
  { name: 'noisy loss, patience 5, minDelta 0.005', metrics: noisyLoss, mode: 'min', patience: 5, minDelta: 0.005 },
  { name: 'accuracy, patience 4, minDelta 0.001', metrics: accuracy, mode: 'max', patience: 4, minDelta: 0.001 },
  { name: 'accuracy, patience 6', metrics: accuracy, mode: 'max', patience: 6, minDelta: 0 },
  { name: 'steady progress, never stopped', metrics: [1, 0.9, 0.8, 0.7, 0.65, 0.6], mode: 'min', patience: 1, minDelta: 0.01 },
  { name: 'patience 0', metrics: [1, 0.9, 0.95], mode: 'min', patience: 0, minDelta: 0 },
  { name: 'a rounding tie at exactly minDelta (0.02 + 0.05 > 0.07)', metrics: [0.07, 0.02, 0.02], mode: 'min', patience: 2, minDelta: 0.05 },
] as const;

describe('earlyStop matches the transcription of Keras 3 EarlyStopping', () => {
  it.each(cases)('$name', ({ metrics, mode, patience, minDelta }) => {
    const epoch = kerasStopEpoch(metrics, mode, patience, minDelta);
    const program = compileMonitor(monitorConfig([{ kind: 'earlyStop', patience, minDelta }], { mode }));
    const stop = replay(program, metrics).flatMap((row) => row.decisions.filter((d) => d.type === 'stop'))[0];
    expect(stop?.step ?? null).toBe(epoch === null ? null : epoch + 1); // step n is epoch n − 1
  });

  it('the cases include runs that stop and runs that do not', () => {
    const outcomes = cases.map((c) => kerasStopEpoch(c.metrics, c.mode, c.patience, c.minDelta));
    expect(outcomes.some((e) => e === null)).toBe(true);
    expect(outcomes.filter((e) => e !== null).length).toBeGreaterThanOrEqual(4);
  });
});
