import { describeValue } from './describe-value.js';

/** Machine-readable error codes, stable across releases. */
export type AnnealErrorCode =
  | 'INVALID_OPTIONS' // a schedule factory, rule or monitor config got bad options
  | 'INVALID_CONFIG' // a declarative config did not match its schema
  | 'INVALID_STEPS' // evaluate/run got a bad step or range
  | 'INVALID_OBSERVATION' // a monitor observation was malformed
  | 'INVALID_SNAPSHOT' // a snapshot is corrupt or belongs to another config
  | 'INVALID_PROPOSAL' // a monitor rule proposed a change that would corrupt the state (a plugin bug)
  | 'IO' // a file could not be read or written
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

/** What an error is about: the message is formatted from these, the same way everywhere. */
export interface AnnealErrorDetails {
  /** What was invalid, e.g. `plateau options`, `schedule config in "lr.json"`. */
  readonly subject: string;
  readonly issues: readonly AnnealIssue[];
  /** The error this one wraps (a file system error, a throwing plugin). */
  readonly cause?: unknown;
}

/** Most problems one message lists; the rest are counted ("and 4 more"). `issues` keeps them all. */
export const maxListedIssues = 20;

/**
 * The message of an error about `issues`: `Invalid <subject>: <path>: <rule> (got <value>)`,
 * one line per issue when there are several, at most `maxListedIssues` of them.
 *
 * @example formatIssues('plateau options', [{ path: 'factor', value: 2, rule: 'must be > 0 and < 1' }])
 * // 'Invalid plateau options: factor: must be > 0 and < 1 (got 2)'
 */
export function formatIssues(subject: string, issues: readonly AnnealIssue[]): string {
  const line = (i: AnnealIssue) => `${i.path || '(root)'}: ${i.rule} (got ${describeValue(i.value)})`;
  if (issues.length === 0) return `Invalid ${subject}`;
  if (issues.length === 1) return `Invalid ${subject}: ${line(issues[0] as AnnealIssue)}`;
  const lines = issues.slice(0, maxListedIssues).map(line);
  if (issues.length > maxListedIssues) lines.push(`and ${issues.length - maxListedIssues} more`);
  return `Invalid ${subject}:\n  - ${lines.join('\n  - ')}`;
}

// A registered symbol, the same in every copy of this module (ESM and CJS builds, two
// installed versions): `AnnealError.is` and `instanceof` recognise each other's errors.
const brand = Symbol.for('@anneal/core/AnnealError');

/**
 * The one error class of anneal. `code` is for programs, `message` for people:
 * it names the field path, the value found and the rule it broke. Build it from
 * details (`{ subject, issues, cause }`), so every message has the same shape; a
 * ready message is for errors not about fields (a file that cannot be read).
 *
 * @example throw new AnnealError('INVALID_STEPS', { subject: 'steps', issues: [{ path: '[2]', value: -5, rule: 'must be a finite number >= 0' }] });
 */
export class AnnealError extends Error {
  override readonly name = 'AnnealError';
  readonly code: AnnealErrorCode;
  readonly issues: readonly AnnealIssue[];

  constructor(code: AnnealErrorCode, details: AnnealErrorDetails);
  constructor(code: AnnealErrorCode, message: string, issues?: readonly AnnealIssue[], options?: { cause?: unknown });
  constructor(
    code: AnnealErrorCode,
    details: string | AnnealErrorDetails,
    issues: readonly AnnealIssue[] = [],
    options: { cause?: unknown } = {},
  ) {
    const given = typeof details === 'string' ? { message: details, issues, cause: options.cause } : undefined;
    const all = given?.issues ?? (details as AnnealErrorDetails).issues;
    const cause = given ? given.cause : (details as AnnealErrorDetails).cause;
    super(given?.message ?? formatIssues((details as AnnealErrorDetails).subject, all), cause === undefined ? undefined : { cause });
    this.code = code;
    this.issues = all;
  }

  /** Path of the first issue, handy in tests and logs. */
  get path(): string {
    return this.issues[0]?.path ?? '';
  }

  /** The brand `is` looks for (on the prototype, so it costs instances nothing). */
  get [brand](): true {
    return true;
  }

  /**
   * True for an AnnealError from any copy of @anneal/core (ESM or CJS, another version),
   * where `instanceof` of one class would miss the other's.
   *
   * @example catch (error) { if (AnnealError.is(error) && error.code === 'IO') ... }
   */
  static is(value: unknown): value is AnnealError {
    return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }

  /** `error instanceof AnnealError` means `AnnealError.is(error)` (subclasses keep the usual test). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return this === AnnealError ? AnnealError.is(value) : Function.prototype[Symbol.hasInstance].call(this, value);
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

export { describeValue };
export { errorFromZod, parseOrThrow, safeParseEnglish } from './zod-issues.js';
