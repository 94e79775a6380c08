// The learning-rate range test on the demo's model (examples/tfjs-fit: the two-spirals
// MLP with Adam): find where the rate should start, check the model was left exactly as
// it was, put the rate into the demo's monitor config, and draw the curve.
//
//   tsx examples/lr-finder/main.ts [--quick] [--runs K] [--out result.json] [--plot chart.svg]
//
// --quick (or ANNEAL_QUICK=1) runs the test once instead of three times: a smoke test for CI.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { main as anneal } from '@anneal/cli';
import { withFoundRate } from '@anneal/core';
import { findLearningRate } from '@anneal/tfjs';
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../tfjs-fit/model.js';
import { batchSize, loadData } from '../tfjs-fit/train.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.ANNEAL_QUICK === '1' },
    runs: { type: 'string' },
    out: { type: 'string', default: 'out/lr-finder.json' },
    plot: { type: 'string', default: 'out/lr-finder.svg' },
  },
});
const runs = Number(args.runs ?? (args.quick ? 1 : 3));

const started = performance.now();
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const { xs, ys, valXs, valYs } = loadData();
tf.dispose([valXs, valYs]); // the range test trains only; it never validates
const model = buildModel(7, 1e-3); // the demo's model, seed and optimizer (Adam)

const weightBytes = () => model.getWeights().map((w) => Buffer.from(w.dataSync().buffer).toString('base64'));
const before = { weights: weightBytes(), tensors: tf.memory().numTensors };

console.log(`range test: rate 1e-7 → 10 over at most 100 batches of ${batchSize}, ${runs} run(s)`);
const result = await findLearningRate(model, xs, ys, { batchSize, runs });
const seconds = (performance.now() - started) / 1000;

const last = result.lrs.length - 1;
console.log(
  `run 1: ${result.lrs.length} batches${result.stoppedEarly ? `, stopped at rate ${result.lrs[last]!.toExponential(2)} (loss diverged)` : ''}; ` +
    `smoothed loss ${result.smoothedLosses[0]!.toFixed(3)} → best ${Math.min(...result.smoothedLosses).toFixed(3)}`,
);
for (const [method, lr] of Object.entries(result.suggestions)) {
  const spread = result.spread[method as keyof typeof result.spread];
  console.log(`  ${method.padEnd(8)} ${lr === null ? 'none' : lr.toExponential(2)}${runs > 1 && spread !== null ? `   spread over runs ${spread.toFixed(1)}×` : ''}`);
}
for (const warning of result.warnings) console.log(`  warning: ${warning}`);

const unchanged = weightBytes().every((w, i) => w === before.weights[i]) && tf.memory().numTensors === before.tensors;
console.log(`model and optimizer as before the test (weights bit for bit, no tensor left): ${unchanged ? 'yes' : 'NO'}`);
if (!unchanged) process.exitCode = 1;

// The demo's config peaks at 0.05 after its warmup; the found rate replaces that peak.
const config = JSON.parse(readFileSync(new URL('../tfjs-fit/monitor.json', import.meta.url), 'utf8'));
const found = withFoundRate(config, result, 'valley');
console.log(`examples/tfjs-fit/monitor.json with the valley rate: cosineDecay from ${found.schedule.schedule.initialLearningRate.toExponential(2)} (was 0.05)`);

mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(result)}\n`);
mkdirSync(dirname(args.plot), { recursive: true });
const io = { stdout: process.stdout, stderr: process.stderr, readFile: (path: string) => readFile(path, 'utf8') };
const code = await anneal(['plot', args.out, '--title', 'Range test: the tfjs-fit MLP (Adam, batch 50)', '-o', args.plot], io);
if (code !== 0) process.exitCode = code;
console.log(`wrote ${args.out} and ${args.plot} (anneal plot ${args.out} -o ${args.plot})`);
console.log(`${seconds.toFixed(1)} s for the range test`);
tf.dispose([xs, ys]);
model.dispose();
