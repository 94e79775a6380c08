import { AnnealError, type AnnealIssue, describeValue, formatPath } from '@anneal/core';
import { type ObservationInput, observationSchema } from '@anneal/monitor';

/** One observation of a metrics log, with the 1-based line it came from. */
export interface MetricsLogEntry {
  readonly line: number;
  readonly observation: ObservationInput;
}

/** One bad line: where, which field, what was there, which rule it broke. */
export interface Problem {
  readonly line: number;
  readonly path: string;
  readonly value: unknown;
  readonly rule: string;
}

/** How many bad lines one error message lists before it says "and N more". */
const maxListed = 20;

/** How many bad lines the streaming reader keeps (the first by line), whatever the log's length. */
export const maxKeptProblems = 1000;

/**
 * A problem list of bounded size for a log read as a stream: past twice `maxKeptProblems`
 * it keeps the first `maxKeptProblems` by line and counts the rest.
 */
export class BoundedProblems extends Array<Problem> {
  dropped = 0;
  static override get [Symbol.species]() {
    return Array;
  }
  override push(...items: Problem[]): number {
    super.push(...items);
    if (this.length > 2 * maxKeptProblems) {
      this.sort((a, b) => a.line - b.line);
      this.dropped += this.length - maxKeptProblems;
      this.length = maxKeptProblems;
    }
    return this.length;
  }
}

/**
 * All the bad lines of a log as one AnnealError (INVALID_OBSERVATION), the first 20
 * listed; `total` counts problems beyond those given (a long log keeps only its first).
 */
export function logError(source: string, problems: readonly Problem[], total = problems.length): AnnealError {
  const describe = (p: Problem) =>
    `line ${p.line}: ${p.path === '' ? '' : `${p.path}: `}${p.rule}${p.value === undefined ? '' : ` (got ${describeValue(p.value)})`}`;
  const listed = problems.slice(0, maxListed).map(describe);
  if (total > maxListed) listed.push(`... and ${total - maxListed} more bad lines`);
  const message = total === 1 ? `Invalid ${source}: ${listed[0]}` : `Invalid ${source}:\n  - ${listed.join('\n  - ')}`;
  const issues: AnnealIssue[] = problems.map((p) => ({
    path: `line ${p.line}${p.path === '' ? '' : `: ${p.path}`}`,
    value: p.value,
    rule: p.rule,
  }));
  return new AnnealError('INVALID_OBSERVATION', message, issues);
}

/** Checks step/epoch/metrics with the monitor's own observation schema; problems are collected, not thrown. */
export function validateObservation(line: number, candidate: unknown, problems: Problem[]): ObservationInput | undefined {
  const result = observationSchema.safeParse(candidate);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    let value: unknown = candidate;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    problems.push({ line, path: formatPath(issue.path as PropertyKey[]), value, rule: issue.message });
  }
  return undefined;
}
