// The monitor's throughput against a hand-written plateau loop, in the same process:
// the pure reducer, the RxJS operator and createMonitor().observe each replay the same
// metric stream through a `plateau` rule with torch semantics; the baseline is
// torch.optim.lr_scheduler.ReduceLROnPlateau.step / _reduce_lr written out inline.
// A check before timing confirms every path gives the baseline's rates (or drops).
// Then the heap over 10 million observe() calls: run with
//   node --expose-gc --import tsx bench/index.ts monitor
// for exact figures (GC forced before each sample); without --expose-gc the samples
// are whatever heapUsed happens to be, which the notes say.
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import {
  applyRules,
  compileMonitor,
  createMonitor,
  initialState,
  lrAt,
  type ObservationInput,
  type MonitorConfigInput,
  reduce,
} from '@anneal/monitor';
import { compare, maxRelativeDifference, type Row, type Suite } from './harness.js';
import { immutablePlateauFold } from './immutable-plateau-fold.js';

// rxjs is a dependency of @anneal/monitor, not of the workspace root, so load the
// monitor's own copy (under Node both resolve to rxjs's CommonJS build: one instance).
type ObservationSource = Parameters<ReturnType<typeof applyRules>>[0];
const { from } = createRequire(new URL('../packages/monitor/package.json', import.meta.url))('rxjs') as {
  from: (input: Iterable<ObservationInput>) => ObservationSource;
};

const count = Number(process.env.BENCH_OBSERVATIONS ?? 200_000);
const heapCount = Number(process.env.BENCH_HEAP_OBSERVATIONS ?? 10_000_000);

export const plateauOptions = { patience: 10, factor: 0.5, threshold: 1e-4, cooldown: 2, eps: 1e-8 };
export const config = {
  initialLearningRate: 0.1,
  metric: 'val_loss',
  minLr: 1e-6,
  rules: [{ kind: 'plateau', compat: 'torch', ...plateauOptions }],
} satisfies MonitorConfigInput;

/** A noisy, slowly improving loss (deterministic: mulberry32), so plateaus come and go. */
export function lossStream(n: number): Float64Array {
  const out = new Float64Array(n);
  let seed = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = (1 / (1 + i / 50)) * (1 + 0.05 * u) + ((i % 20_000) / 20_000) * 0.1; // improves, then resets upward
  }
  return out;
}

/**
 * torch ReduceLROnPlateau(mode="min", threshold_mode="rel") inline: is_better, cooldown,
 * _reduce_lr (new_lr = max(old_lr · factor, min_lr), applied if old_lr − new_lr > eps).
 * Writes the rate after each observation into `out`; returns the number of reductions.
 */
export function handWrittenPlateau(losses: Float64Array, out: Float64Array): number {
  const { patience, factor, threshold, cooldown, eps } = plateauOptions;
  const minLr = config.minLr;
  let lr = config.initialLearningRate;
  let best = Infinity;
  let bad = 0;
  let cooldownCounter = 0;
  let drops = 0;
  for (let i = 0; i < losses.length; i++) {
    const current = losses[i] as number;
    if (current < best * (1 - threshold)) {
      best = current;
      bad = 0;
    } else bad++;
    if (cooldownCounter > 0) {
      cooldownCounter--;
      bad = 0;
    }
    if (bad > patience) {
      const newLr = Math.max(lr * factor, minLr);
      if (lr - newLr > eps) {
        lr = newLr;
        drops++;
      }
      cooldownCounter = cooldown;
      bad = 0;
    }
    out[i] = lr;
  }
  return drops;
}

function heapSample(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** observe() `total` times with a fresh monitor; heap sampled every tenth of the run. */
function heapGrowth(total: number, losses: Float64Array): string {
  const monitor = createMonitor(config);
  const tenth = Math.max(1, Math.floor(total / 10));
  const samples: number[] = [heapSample()];
  for (let i = 0; i < total; i++) {
    // A fresh observation object per call, as a training loop would build it.
    monitor.observe({ step: i, metrics: { val_loss: losses[i % losses.length] as number } });
    if ((i + 1) % tenth === 0) samples.push(heapSample());
  }
  const first = samples[0] as number;
  const afterFirstTenth = samples[1] as number;
  const last = samples[samples.length - 1] as number;
  const peak = Math.max(...samples);
  const forced = typeof globalThis.gc === 'function';
  return [
    `heap over ${total.toLocaleString('en')} observe() calls (${forced ? 'GC forced before each sample via --expose-gc' : 'no --expose-gc: heapUsed sampled as found, garbage included'}):`,
    `start ${mb(first)}, after the first tenth ${mb(afterFirstTenth)}, end ${mb(last)}, peak ${mb(peak)};`,
    `growth from the first tenth to the end ${mb(last - afterFirstTenth)} (state count ${monitor.state.count.toLocaleString('en')}).`,
    `Samples: ${samples.map((s) => (s / 2 ** 20).toFixed(1)).join(', ')} MB.`,
  ].join(' ');
}

export function run(): Suite {
  const rows: Row[] = [];
  const notes: string[] = [
    `${count.toLocaleString('en')} observations per call; plateau(compat "torch", patience ${plateauOptions.patience}, factor ${plateauOptions.factor}, cooldown ${plateauOptions.cooldown}) against torch ReduceLROnPlateau written out inline; "ours" and "baseline" are ms per full replay.`,
  ];
  const losses = lossStream(count);
  const expected = new Float64Array(count);
  const drops = handWrittenPlateau(losses, expected);
  notes.push(`the stream causes ${drops.toLocaleString('en')} rate reductions.`);

  // Observation objects are built inside each timed pass, as a trainer builds them.
  const program = compileMonitor(config);
  const viaReduce = new Float64Array(count);
  const runReduce = () => {
    let state = initialState(program);
    for (let i = 0; i < count; i++) {
      // The result carries the rate after the observation (what lrAt(program, state, i) gives).
      const result = reduce(state, { step: i, metrics: { val_loss: losses[i] as number } }, program);
      state = result.state;
      viaReduce[i] = result.lr;
    }
  };

  const viaObserve = new Float64Array(count);
  const runObserve = () => {
    const monitor = createMonitor(config);
    for (let i = 0; i < count; i++) {
      monitor.observe({ step: i, metrics: { val_loss: losses[i] as number } });
      viaObserve[i] = monitor.lr;
    }
  };

  let rxDrops = 0;
  const runRx = () => {
    rxDrops = 0;
    const observations = {
      *[Symbol.iterator](): Iterator<ObservationInput> {
        for (let i = 0; i < count; i++) yield { step: i, metrics: { val_loss: losses[i] as number } };
      },
    };
    from(observations)
      .pipe(applyRules(config))
      .subscribe((d) => {
        if (d.type === 'drop') rxDrops++;
      });
  };

  const baselineOut = new Float64Array(count);
  const baseline = () => handWrittenPlateau(losses, baselineOut);

  runReduce();
  runObserve();
  runRx();
  const reduceRow = compare('reduce() fold', runReduce, baseline);
  const reduceDiff = maxRelativeDifference(viaReduce, expected);
  if (reduceDiff > 1e-12) reduceRow.note = `rates differ from the baseline (max rel. ${reduceDiff.toExponential(1)})`;
  rows.push(reduceRow);

  // The contract's floor: the same outputs built by hand, without the rule protocol.
  const viaFloor = new Float64Array(count);
  const runFloor = () => immutablePlateauFold(losses, viaFloor, plateauOptions, config.initialLearningRate, config.minLr);
  const floorRow = compare('hand-written immutable fold (reduce\'s outputs, no rule protocol)', runFloor, baseline);
  const floorDiff = maxRelativeDifference(viaFloor, expected);
  if (floorDiff > 1e-12) floorRow.note = `rates differ from the baseline (max rel. ${floorDiff.toExponential(1)})`;
  rows.push(floorRow);

  const rxRow = compare('applyRules (RxJS, from(iterable))', runRx, baseline);
  if (rxDrops !== drops) rxRow.note = `${rxDrops} drops, the baseline ${drops}`;
  rows.push(rxRow);

  const observeRow = compare('createMonitor().observe + .lr', runObserve, baseline);
  const observeDiff = maxRelativeDifference(viaObserve, expected);
  if (observeDiff > 1e-12) observeRow.note = `rates differ from the baseline (max rel. ${observeDiff.toExponential(1)})`;
  rows.push(observeRow);

  // lrAt per batch: what an adapter calls on every training step.
  const lrMonitor = createMonitor(config);
  let sink = 0;
  const batches = count * 10;
  rows.push(
    compare(
      `monitor.lrAt(step) ×${batches.toLocaleString('en')}`,
      () => {
        for (let i = 0; i < batches; i++) sink += lrMonitor.lrAt(i);
      },
      () => {
        const scale = 1;
        const base = config.initialLearningRate;
        for (let i = 0; i < batches; i++) sink += Math.min(Math.max(scale * base, config.minLr), Infinity);
      },
    ),
  );
  if (Number.isNaN(sink)) notes.push('(sink)');

  const throughput = (row: Row) => `${((count / row.oursMs) * 1000).toExponential(2)} obs/s (${((row.oursMs * 1e6) / count).toFixed(0)} ns)`;
  notes.push(
    `reduce() / the hand-written immutable fold: ${(reduceRow.oursMs / floorRow.oursMs).toFixed(2)} (what the rule protocol and the checks cost over the objects the contract returns).`,
    `absolute: reduce ${throughput(reduceRow)}, immutable fold ${throughput(floorRow)}, RxJS ${throughput(rxRow)}, observe ${throughput(observeRow)}, baseline ${((count / reduceRow.baselineMs) * 1000).toExponential(2)} obs/s (this machine).`,
    `aims (issue 11): observe >= 5e6 obs/s (<= 200 ns), reduce >= 1e7 obs/s (<= 100 ns); load average at the end ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs. PyTorch's ReduceLROnPlateau.step on the same stream: /usr/bin/python3 bench/torch-plateau.py (Debian python3-torch; not part of this run).`,
  );
  notes.push(heapGrowth(heapCount, losses));
  return { title: 'monitor: observations through the rules vs a hand-written plateau loop', rows, notes };
}
