// `pnpm demo`: a TensorFlow.js MLP on two spirals, trained twice in this process —
// once with anneal (warmup + cosine base schedule, plateau / severityDrop / warmRestart /
// earlyStop rules from monitor.json), once at a fixed rate — and compared.
//
//   pnpm exec tsx examples/tfjs-fit/main.ts [--quick] [--epochs N] [--out metrics.jsonl]
//
// --quick (or ANNEAL_QUICK=1) trains 4 epochs per run: a smoke test for CI.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { type Decision, parseMonitorConfig } from '@anneal/monitor';
import * as tf from '@tensorflow/tfjs';
import { type EpochRecord, loadData, metricsLog, type RunResult, train } from './train.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.ANNEAL_QUICK === '1' },
    epochs: { type: 'string' },
    out: { type: 'string', default: 'out/tfjs-fit.jsonl' },
  },
});
const epochs = Number(args.epochs ?? (args.quick ? 4 : 40));
const configPath = new URL('./monitor.json', import.meta.url);
// A file is `unknown` to the compiler: parseMonitorConfig validates it and returns the typed config.
const config = parseMonitorConfig(JSON.parse(readFileSync(configPath, 'utf8')));
const fixedRate = 0.05; // the schedule's peak: what one would pick without a schedule

const started = performance.now();
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const data = loadData();

const rate = (lr: number) => lr.toExponential(2);
const events = (decisions: readonly Decision[]) =>
  decisions
    .map((d) => {
      if (d.type === 'drop') return `${d.rule} drop → ${rate(d.to)}`;
      if (d.type === 'restart') return `${d.rule} restart → ${rate(d.to)}`;
      if (d.type === 'stop') return `${d.rule} stop`;
      if (d.type === 'nan' || d.type === 'skip') return d.type;
      return d.type === 'improve' ? '*' : '';
    })
    .filter((text) => text !== '')
    .join(', ');
const progress = (r: EpochRecord) =>
  [
    `epoch ${String(r.epoch + 1).padStart(3)}`,
    `loss ${r.metrics.loss!.toFixed(4)}`,
    `val_loss ${r.metrics.val_loss!.toFixed(4)}`,
    `val_acc ${r.metrics.val_acc!.toFixed(3)}`,
    `lr ${rate(r.lr)}`,
    events(r.decisions),
  ]
    .join('  ')
    .trimEnd();

console.log(`anneal: ${epochs} epochs at most, rules from ${configPath.pathname.split('/').slice(-2).join('/')} (* = new best val_loss)`);
const annealed = await train(data, { epochs, monitor: config, onEpoch: (r) => console.log(progress(r)) });

// The run's metrics in the format `anneal simulate --metrics` replays: one observation a line.
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, metricsLog(annealed.epochs));
console.log(`\nwrote ${annealed.epochs.length} observations to ${args.out}`);
console.log(`replay it: anneal simulate examples/tfjs-fit/monitor.json --metrics ${args.out}`);
console.log(`(in this repository: npx tsx packages/cli/src/cli.ts simulate examples/tfjs-fit/monitor.json --metrics ${args.out})\n`);

console.log(`fixed rate ${rate(fixedRate)}: ${epochs} epochs`);
const fixed = await train(data, {
  epochs,
  fixedRate,
  onEpoch: (r) => {
    if ((r.epoch + 1) % 10 === 0 || r.epoch + 1 === epochs) console.log(progress(r));
  },
});

const best = (run: RunResult) => {
  const top = run.epochs.reduce((a, b) => (b.metrics.val_loss! < a.metrics.val_loss! ? b : a));
  return `${top.metrics.val_loss!.toFixed(4)} (epoch ${top.epoch + 1})`;
};
const rows: Array<[string, string, string]> = [
  ['epochs trained', `${annealed.epochs.length}${annealed.stoppedBy ? ` (${annealed.stoppedBy})` : ''}`, `${fixed.epochs.length}`],
  ['final val_loss', annealed.final.valLoss.toFixed(4), fixed.final.valLoss.toFixed(4)],
  ['final val_acc', `${(100 * annealed.final.valAcc).toFixed(1)}%`, `${(100 * fixed.final.valAcc).toFixed(1)}%`],
  ['best val_loss seen', best(annealed), best(fixed)],
];
const head: [string, string, string] = ['', 'anneal', `fixed ${rate(fixedRate)}`];
const widths = [0, 1, 2].map((c) => Math.max(...[head, ...rows].map((row) => row[c]!.length)));
console.log('\nsame model, data and seed; final = model.evaluate on the validation set after fit');
for (const row of [head, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('   ').trimEnd());
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s in all`);
