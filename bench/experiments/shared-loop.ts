// Experiment behind docs/benchmarks.md ("Why evaluate compiles a loop per schedule"):
// the core families timed with ONE loop shared by every schedule — evaluate()'s loop
// before core commit 6a7da47 — against the hand-inlined baselines, in one process,
// counting garbage collections per row. Once the shared call site has seen several
// schedule kinds V8 stops inlining it; every step is then a real call whose double
// result is boxed in a fresh heap number, which shows up as young-generation GCs.
// Not part of `pnpm bench`; run it with `tsx bench/experiments/shared-loop.ts`.
import { PerformanceObserver } from 'node:perf_hooks';
import { fromConfig, parseScheduleConfig, type Schedule } from '@anneal/core';
import { families } from '../core.bench.js';
import { compare, formatSuite, type Row } from '../harness.js';

function sharedLoop(schedule: Schedule, out: Float64Array, start: number, stride: number, n: number): Float64Array {
  for (let i = 0; i < n; i++) out[i] = schedule(start + i * stride);
  return out;
}

let collections = 0;
new PerformanceObserver((list) => (collections += list.getEntries().length)).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 100)); // GC entries arrive asynchronously

const steps = Number(process.env.BENCH_STEPS ?? 10_000_000);
const ours = new Float64Array(steps);
const theirs = new Float64Array(steps);
const rows: Row[] = [];
for (const family of families) {
  const schedule = fromConfig(parseScheduleConfig(family.config));
  await settle();
  const before = collections;
  const row = compare(family.name, () => sharedLoop(schedule, ours, 0, 1, steps), () => family.baseline(family.config, theirs, steps));
  await settle();
  row.note = `${collections - before} GCs`;
  rows.push(row);
}
console.log(formatSuite({ title: 'one shared loop (evaluate before 6a7da47) vs a hand-inlined loop (experiment)', rows, notes: [] }));
