import type { Schedule } from './schedule.js';

/** Fills `out[i] = schedule(steps ? steps[i] : start + i·stride)` for i < n. */
export type BatchLoop = (
  schedule: Schedule,
  out: Float64Array,
  steps: Float64Array | null,
  start: number,
  stride: number,
  n: number,
) => Float64Array;

// Why generated loops: a single shared loop calls every schedule from one call site.
// Once a process has evaluated a few kinds, V8 marks that site megamorphic and stops
// inlining the schedule into the loop, which measured 1.2–1.8× slower than a
// hand-written loop for cheap formulas (docs/benchmarks.md). A loop compiled per
// schedule has its own call-site feedback, stays monomorphic and inlines: ~1.0×.
// Where code generation is forbidden (a CSP without 'unsafe-eval'), the shared loop
// is used: same values, only slower.

// One loop per case: TurboFan does not unswitch a loop on a test that never changes inside it.
const body = `if (steps === null) for (let i = 0; i < n; i++) out[i] = schedule(start + i * stride);
else for (let i = 0; i < n; i++) out[i] = schedule(steps[i]);
return out;`;

/** The shared loop: used for short batches, where compiling a loop would cost more than it saves. */
export const sharedLoop: BatchLoop = (schedule, out, steps, start, stride, n) => {
  if (steps === null) for (let i = 0; i < n; i++) out[i] = schedule(start + i * stride);
  else for (let i = 0; i < n; i++) out[i] = schedule(steps[i] as number);
  return out;
};

/** Batches shorter than this use the shared loop. */
export const compiledLoopThreshold = 4096;

const loops = new WeakMap<Schedule, BatchLoop>();
let codegenAvailable = true;
let generated = 0;

function compileLoop(): BatchLoop {
  if (!codegenAvailable) return sharedLoop;
  try {
    // The counter makes each source unique, so no engine cache hands back a shared function.
    return new Function('schedule', 'out', 'steps', 'start', 'stride', 'n', `// batch loop ${generated++}\n${body}`) as BatchLoop;
  } catch {
    codegenAvailable = false;
    return sharedLoop;
  }
}

/** The loop to evaluate `schedule` over `n` steps with: its own compiled one for long batches. */
export function batchLoopFor(schedule: Schedule, n: number): BatchLoop {
  if (n < compiledLoopThreshold) return sharedLoop;
  let loop = loops.get(schedule);
  if (loop === undefined) {
    loop = compileLoop();
    loops.set(schedule, loop);
  }
  return loop;
}
