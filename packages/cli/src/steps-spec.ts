import { AnnealError, rangeLength, stepsToArray } from '@anneal/core';
import { usageError } from './command.js';
import { parseNumberText } from './number-text.js';

/** More steps than this would not fit a JSON string anyway; evaluate in pieces. */
export const maxSteps = 100_000_000;

/**
 * Parses a `--steps` spec: `start:stop[:stride]` (stop exclusive, as Python's
 * `range`) or a comma list of steps. Any problem is a usage error (exit 2).
 *
 * @example parseStepsSpec('0:1000:100') // Float64Array [0, 100, …, 900]
 * @example parseStepsSpec('0,10,1e6')   // Float64Array [0, 10, 1000000]
 */
export function parseStepsSpec(spec: string): Float64Array {
  if (spec.includes(':')) {
    const parts = spec.split(':');
    if (parts.length > 3) throw usageError(`--steps "${spec}": a range is start:stop[:stride]`, '--steps', spec);
    const [start, stop, stride = 1] = parts.map((part) => parseNumber(part, spec)) as [number, number, number?];
    return materialise(() => {
      const range = { start, stop, stride };
      const count = rangeLength(range);
      if (count > maxSteps) {
        throw usageError(`--steps "${spec}": holds ${count} steps, more than ${maxSteps}`, '--steps', spec);
      }
      return stepsToArray(range);
    }, spec);
  }
  const steps = spec.split(',').map((part) => parseNumber(part, spec));
  return materialise(() => stepsToArray(steps), spec);
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
function materialise(build: () => Float64Array, spec: string): Float64Array {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof AnnealError) || error.code === 'USAGE') throw error;
    const problems = error.issues.map((issue) => `${issue.path ? `${issue.path} ` : ''}${issue.rule}`).join('; ');
    throw usageError(`--steps "${spec}": ${problems}`, '--steps', spec);
  }
}
