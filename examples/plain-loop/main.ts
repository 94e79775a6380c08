// Logistic regression by hand-written mini-batch gradient descent, scheduled by
// @anneal/loop: no framework, the rate is a plain number the loop reads.
//
//   pnpm exec tsx examples/plain-loop/main.ts [--quick]
import { parseArgs } from 'node:util';
import { createLoopScheduler, trainingSteps } from '@anneal/loop';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: process.env.ANNEAL_QUICK === '1' } } });

// --- data: two overlapping Gaussian classes in 5 dimensions, fixed seed -----------------
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(42);
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const dims = 5;
const trueWeights = [1.5, -2, 0.5, 1, -0.75];
function sample(count: number) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = Array.from({ length: dims }, gaussian);
    const logit = row.reduce((sum, v, j) => sum + v * trueWeights[j]!, 0.3);
    x.push(row);
    y.push(random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
  }
  return { x, y };
}
const trainSet = sample(4000);
const valSet = sample(1000);

// --- model: p = σ(w·x + b), log loss ------------------------------------------------------
const w = new Float64Array(dims);
let b = 0;
const predict = (row: number[]) => 1 / (1 + Math.exp(-(row.reduce((s, v, j) => s + v * w[j]!, b))));
function logLoss(set: { x: number[][]; y: number[] }): number {
  let total = 0;
  set.x.forEach((row, i) => {
    const p = Math.min(Math.max(predict(row), 1e-12), 1 - 1e-12);
    total -= set.y[i]! ? Math.log(p) : Math.log(1 - p);
  });
  return total / set.x.length;
}

// --- the schedule: linear warmup into exponential decay, plateau drops, early stop --------
let learningRate = Number.NaN; // written by the scheduler through the binding
const scheduler = createLoopScheduler(
  {
    schedule: {
      kind: 'warmup',
      warmupSteps: 40,
      schedule: { kind: 'exponentialDecay', initialLearningRate: 0.5, decaySteps: 400, decayRate: 0.5 },
    },
    metric: 'val_loss',
    rules: [
      { kind: 'plateau', patience: 2, factor: 0.3, threshold: 1e-4 },
      { kind: 'earlyStop', patience: 6, minDelta: 1e-5 },
    ],
  },
  (lr) => {
    learningRate = lr;
  },
);
scheduler.monitor.on('drop', (d) => console.log(`  ${d.rule}: learning rate ${d.from.toExponential(2)} → ${d.to.toExponential(2)} (${d.reason})`));
scheduler.monitor.on('stop', (d) => console.log(`  ${d.rule}: stop (${d.reason})`));

const batchSize = 50;
const stepsPerEpoch = trainSet.x.length / batchSize;
const epochs = args.quick ? 3 : 60;
const gradW = new Float64Array(dims);

for await (const { epoch, batch, lastBatch } of trainingSteps(scheduler, { epochs, stepsPerEpoch })) {
  gradW.fill(0);
  let gradB = 0;
  for (let i = batch * batchSize; i < (batch + 1) * batchSize; i++) {
    const row = trainSet.x[i]!;
    const error = predict(row) - trainSet.y[i]!; // d(log loss)/d(logit)
    row.forEach((v, j) => {
      gradW[j] = gradW[j]! + (error * v) / batchSize;
    });
    gradB += error / batchSize;
  }
  for (let j = 0; j < dims; j++) w[j] = w[j]! - learningRate * gradW[j]!;
  b -= learningRate * gradB;

  if (lastBatch) {
    const valLoss = logLoss(valSet);
    console.log(`epoch ${String(epoch + 1).padStart(2)}  train ${logLoss(trainSet).toFixed(5)}  val_loss ${valLoss.toFixed(5)}  lr ${learningRate.toExponential(2)}`);
    scheduler.report({ val_loss: valLoss });
  }
}

console.log(`\nlearned w = [${Array.from(w, (v) => v.toFixed(2)).join(', ')}], b = ${b.toFixed(2)}`);
console.log(`true    w = [${trueWeights.map((v) => v.toFixed(2)).join(', ')}], b = 0.30`);
console.log(`${scheduler.globalStep} steps, ${scheduler.epoch} epochs${scheduler.shouldStop ? ' (stopped early)' : ''}`);
