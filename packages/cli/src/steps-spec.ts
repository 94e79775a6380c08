import { AnnealError, rangeLength, stepsToArray } from '@anneal/core';
import { usageError } from './command.js';
import { parseNumberText } from './number-text.js';
import { allSteps, arraySequence, rangeSequence, type StepSequence } from './step-sequence.js';

/** More steps than this would print gigabytes; evaluate in pieces. */
export const maxSteps = 100_000_000;

/**
 * Parses a `--steps` spec: `start:stop[:stride]` (stop exclusive, as Python's
 * `range`) or a comma list of steps, made a slice at a time (see step-sequence.ts). Any
 * problem is a usage error (exit 2).
 *
 * @example parseStepSequence('0:1000:100').length // 10
 */
export function parseStepSequence(spec: string): StepSequence {
  if (spec.includes(':')) {
    const parts = spec.split(':');
    if (parts.length > 3) throw usageError(`--steps "${spec}": a range is start:stop[:stride]`, '--steps', spec);
    const [start, stop, stride = 1] = parts.map((part) => parseNumber(part, spec)) as [number, number, number?];
    const length = checked(() => rangeLength({ start, stop, stride }), spec);
    if (length > maxSteps) throw usageError(`--steps "${spec}": holds ${length} steps, more than ${maxSteps}`, '--steps', spec);
    return rangeSequence(start, stride, length);
  }
  const steps = checked(() => stepsToArray(spec.split(',').map((part) => parseNumber(part, spec))), spec);
  return arraySequence(steps);
}

/**
 * All the steps of a `--steps` spec in one array (see `parseStepSequence`).
 *
 * @example parseStepsSpec('0:1000:100') // Float64Array [0, 100, …, 900]
 * @example parseStepsSpec('0,10,1e6')   // Float64Array [0, 10, 1000000]
 */
export function parseStepsSpec(spec: string): Float64Array {
  return allSteps(parseStepSequence(spec));
}

/** Decimal text only, as in a metrics log: `Number()` would also take "0x10", "0b1" and "". */
function parseNumber(text: string, spec: string): number {
  const value = parseNumberText(text);
  if (value === undefined || !Number.isFinite(value)) {
    throw usageError(
      `--steps "${spec}": "${text}" is not a finite decimal number (use start:stop[:stride] or a comma list)`,
      '--steps',
      spec,
    );
  }
  return value;
}

/** Lets the core validate the steps, and words its complaint as one about `--steps`. */
function checked<T>(build: () => T, spec: string): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof AnnealError) || error.code === 'USAGE') throw error;
    const problems = error.issues.map((issue) => `${issue.path ? `${issue.path} ` : ''}${issue.rule}`).join('; ');
    throw usageError(`--steps "${spec}": ${problems}`, '--steps', spec);
  }
}
