// A first look at anneal: a few schedules, evaluated at a few steps (no training).
//
//   pnpm exec tsx examples/schedules-tour/main.ts      (`pnpm examples` runs it with the others)
import { evaluate, exponentialDecay, fromConfig } from '@anneal/core';

const schedules = {
  'exponentialDecay (staircase)': exponentialDecay({
    initialLearningRate: 0.1,
    decaySteps: 100,
    decayRate: 0.5,
    staircase: true,
  }),
  'warmup → exponentialDecay': fromConfig({
    kind: 'warmup',
    warmupSteps: 100,
    schedule: { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 },
  }),
};

const steps = [0, 50, 100, 150, 200, 400, 800];
console.log(['schedule'.padEnd(30), ...steps.map((s) => `step ${s}`.padStart(10))].join(''));
for (const [name, schedule] of Object.entries(schedules)) {
  const values = evaluate(schedule, steps);
  console.log([name.padEnd(30), ...Array.from(values, (v) => v.toExponential(2).padStart(10))].join(''));
}
