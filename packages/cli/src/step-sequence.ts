/**
 * Steps made a slice at a time, so a range of millions of steps is never held whole.
 * `slice(from, out)` writes steps `from` to `from + out.length − 1` (fewer at the end)
 * into `out` and returns the part written.
 */
export interface StepSequence {
  readonly length: number;
  slice(from: number, out: Float64Array): Float64Array;
}

/** The steps `start + i · stride` for i from 0 to length − 1, the numbers `stepsToArray` makes. */
export function rangeSequence(start: number, stride: number, length: number): StepSequence {
  return {
    length,
    slice(from, out) {
      const n = Math.max(0, Math.min(out.length, length - from));
      for (let i = 0; i < n; i++) out[i] = start + (from + i) * stride;
      return out.subarray(0, n);
    },
  };
}

/** Steps already in an array. */
export function arraySequence(steps: Float64Array): StepSequence {
  return {
    length: steps.length,
    slice(from, out) {
      const part = steps.subarray(from, from + out.length);
      out.set(part);
      return out.subarray(0, part.length);
    },
  };
}

/** Every step of `sequence` in one new array. */
export function allSteps(sequence: StepSequence): Float64Array {
  return sequence.slice(0, new Float64Array(sequence.length));
}
