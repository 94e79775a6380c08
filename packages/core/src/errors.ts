import type * as z from 'zod';

/** Machine-readable error codes, stable across releases. */
export type AnnealErrorCode =
  | 'INVALID_OPTIONS' // a schedule factory, rule or monitor config got bad options
  | 'INVALID_CONFIG' // a declarative config did not match its schema
  | 'INVALID_STEPS' // evaluate/run got a bad step or range
  | 'INVALID_OBSERVATION' // a monitor observation was malformed
  | 'INVALID_SNAPSHOT' // a snapshot is corrupt or belongs to another config
  | 'INVALID_PROPOSAL' // a monitor rule proposed a change that would corrupt the state (a plugin bug)
  | 'USAGE'; // wrong command-line usage

/** One problem with an input: where it is, what was there, which rule it broke. */
export interface AnnealIssue {
  /** Dotted path to the field, e.g. `schedules[1].decaySteps`; empty for the root. */
  path: string;
  /** The offending value (undefined when missing). */
  value: unknown;
  /** The rule that was broken, in words. */
  rule: string;
}

/**
 * The one error class of anneal. `code` is for programs, `message` for people:
 * it names the field path, the value found and the rule it broke.
 */
export class AnnealError extends Error {
  override readonly name = 'AnnealError';
  readonly code: AnnealErrorCode;
  readonly issues: readonly AnnealIssue[];

  constructor(code: AnnealErrorCode, message: string, issues: readonly AnnealIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }

  /** Path of the first issue, handy in tests and logs. */
  get path(): string {
    return this.issues[0]?.path ?? '';
  }
}

/**
 * Formats a zod issue path the way messages print it.
 *
 * @example formatPath(['schedules', 1, 'decaySteps']) // 'schedules[1].decaySteps'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * A value for an error message: short, and NaN/Infinity spelled out (JSON would say null).
 *
 * @example describeValue(Number.NaN) // 'NaN'; describeValue(undefined) // 'nothing'; describeValue({ a: 1 }) // '{"a":1}'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Turns zod issues into an AnnealError whose message lists every problem; `pathPrefix`
 * places `input` inside a larger document (a snapshot's `state`, a map entry).
 *
 * @example
 * const result = schema.safeParse(input);
 * if (!result.success) throw errorFromZod('INVALID_CONFIG', 'schedule config', result.error, input);
 */
export function errorFromZod(
  code: AnnealErrorCode,
  subject: string,
  error: z.ZodError,
  input: unknown,
  pathPrefix: readonly PropertyKey[] = [],
): AnnealError {
  const issues: AnnealIssue[] = error.issues.flatMap((issue): AnnealIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown key itself: a misspelt option is the usual cause.
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { path: formatPath([...pathPrefix, ...path]), value: valueAt(input, path), rule: 'is not a known option (misspelt?)' };
      });
    }
    return [{ path: formatPath([...pathPrefix, ...issue.path]), value: valueAt(input, issue.path), rule: issue.message }];
  });
  const lines = issues.map((i) => `${i.path || '(root)'}: ${i.rule} (got ${describeValue(i.value)})`);
  const message =
    lines.length === 1 ? `Invalid ${subject}: ${lines[0]}` : `Invalid ${subject}:\n  - ${lines.join('\n  - ')}`;
  return new AnnealError(code, message, issues);
}

/**
 * Parses with zod; on failure throws an AnnealError naming every bad field.
 *
 * @example const options = parseOrThrow(schema, input, 'plateau options'); // or: Invalid plateau options: factor: must be > 0 and < 1 (got 2)
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
  code: AnnealErrorCode = 'INVALID_OPTIONS',
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw errorFromZod(code, subject, result.error, input);
  return result.data;
}
