// Overhead of annealCallback in model.fit: the same model and data fitted with and
// without the callback, alternately, in one process (CONVENTIONS 10: a ratio).
// The callback's work per batch is one lrAt and writing the rate into the optimizer
// (skipped when unchanged); per epoch, reading the logs and one monitor observation.
import { annealCallback } from '@anneal/tfjs';
import * as tf from '@tensorflow/tfjs';
import { compareAsync, type Row, type Suite } from './harness.js';

const rounds = Math.max(7, Number(process.env.BENCH_ROUNDS ?? 7));

// The demo's schedule and rules, minus earlyStop: a stop would end the timed fit early.
const config = {
  schedule: {
    kind: 'warmup',
    warmupSteps: 60,
    schedule: { kind: 'cosineDecay', initialLearningRate: 0.05, decaySteps: 1200, alpha: 0.02 },
  },
  metric: 'val_loss',
  minLr: 1e-4,
  rules: [
    { kind: 'plateau', patience: 3, factor: 0.5, threshold: 0.01 },
    { kind: 'severityDrop', trigger: 1, baseFactor: 0.5, minFactor: 0.1, cooldown: 3 },
    { kind: 'warmRestart', after: { drops: 3, patience: 2 }, mMul: 0.5, maxRestarts: 1 },
  ],
} as const;

interface Case {
  name: string;
  units: number[];
  samples: number;
  batchSize: number;
  epochs: number;
  options?: Parameters<typeof annealCallback>[1];
}

const cases: Case[] = [
  // The demo's model: 2 → 32 → 32 → 1, 30 batches of 50 per epoch.
  { name: 'demo MLP, 1500 samples, batch 50', units: [32, 32], samples: 1500, batchSize: 50, epochs: 3 },
  {
    name: 'demo MLP + restoreBestWeights',
    units: [32, 32],
    samples: 1500,
    batchSize: 50,
    epochs: 3,
    options: { restoreBestWeights: 'onDrop' },
  },
  // Worst case for a per-batch hook: a tiny model whose batches cost almost nothing.
  { name: 'tiny 2 → 4 → 1, batch 8', units: [4], samples: 800, batchSize: 8, epochs: 2 },
];

async function measure(c: Case): Promise<Row> {
  const model = tf.sequential();
  c.units.forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [2] } : {}) })),
  );
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
  const xs = tf.randomUniform([c.samples, 2], -1, 1, 'float32', 1);
  const ys = tf.cast(tf.greater(tf.prod(xs, 1, true), 0), 'float32');
  const valXs = tf.randomUniform([200, 2], -1, 1, 'float32', 2);
  const valYs = tf.cast(tf.greater(tf.prod(valXs, 1, true), 0), 'float32');
  const args = { epochs: c.epochs, batchSize: c.batchSize, validationData: [valXs, valYs] as [tf.Tensor, tf.Tensor], verbose: 0 as const };
  const callback = annealCallback(config, c.options);
  // Also time the callback's own hooks: a precise share where the two arms' medians
  // differ by less than the noise of a shared machine.
  let inHooks = 0;
  let withCallback = 0;
  const hooks = callback as unknown as Record<string, (...args: unknown[]) => Promise<void>>;
  for (const name of ['onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd']) {
    const hook = hooks[name]!.bind(callback);
    hooks[name] = async (...hookArgs) => {
      const start = performance.now();
      try {
        await hook(...hookArgs);
      } finally {
        inHooks += performance.now() - start;
      }
    };
  }
  const row = await compareAsync(
    c.name,
    async () => {
      const start = performance.now();
      await model.fit(xs, ys, { ...args, callbacks: [callback] });
      withCallback += performance.now() - start;
    },
    () => model.fit(xs, ys, args),
    { rounds, warmup: 1 },
  );
  row.note = `hooks ≤ ${((100 * inHooks) / withCallback).toFixed(2)}% of fit time`;
  if (callback.shouldStop) row.note = 'the monitor stopped: timings are not comparable';
  callback.dispose();
  tf.dispose([xs, ys, valXs, valYs]);
  model.dispose();
  return row;
}

export async function run(): Promise<Suite> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const rows: Row[] = [];
  for (const c of cases) rows.push(await measure(c));
  return {
    title: '@anneal/tfjs: annealCallback overhead in model.fit (ours = with the callback, baseline = without)',
    rows,
    notes: [
      `tfjs ${tf.version.tfjs}, CPU backend (pure JS), PROD mode; ms per fit call (epochs × batches), median of ${rounds} alternating rounds`,
      'same model object and data for both arms; the callback is built once and runs on across fit calls, as in training',
      "note: time inside the callback's hooks (onBatchBegin/End, onEpochEnd, onTrainEnd) over every fit with it; an upper bound, since an awaited hook also counts microtasks tfjs queued meanwhile",
    ],
  };
}
