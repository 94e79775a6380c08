import { type $ZodError, type $ZodIssue, type $ZodType, type output, safeParse, type util } from 'zod/v4/core';
import { en } from 'zod/v4/locales';
import { checkDepth } from './depth.js';
import { AnnealError, type AnnealErrorCode, type AnnealIssue, formatPath } from './errors.js';

/** Words the rule of an unknown option or kind, saying what was meant (see suggestions.ts). */
export interface Suggester {
  unknownKey(root: $ZodType | undefined, input: unknown, objectPath: readonly PropertyKey[], key: string): string;
  unknownKind(root: $ZodType | undefined, input: unknown, issue: $ZodIssue & { code: 'invalid_union' }): string;
}

let suggester: Suggester | undefined;

/** Lets suggestions.ts plug its guesses into every message (it installs itself when used). */
export function installSuggester(next: Suggester): void {
  suggester = next;
}

/** The value at `path` in `input`, own properties only (a key "constructor" must not read Object.prototype's). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Turns zod issues into an AnnealError whose message lists every problem; `pathPrefix`
 * places `input` inside a larger document (a snapshot's `state`, a map entry). Given the
 * schema, an unknown option or kind says which one was meant when one is close.
 *
 * @example
 * const result = schema.safeParse(input);
 * if (!result.success) throw errorFromZod('INVALID_CONFIG', 'schedule config', result.error, input, [], schema);
 */
export function errorFromZod(
  code: AnnealErrorCode,
  subject: string,
  error: $ZodError,
  input: unknown,
  pathPrefix: readonly PropertyKey[] = [],
  schema?: $ZodType,
): AnnealError {
  const issues: AnnealIssue[] = error.issues.flatMap((issue): AnnealIssue[] => {
    const where = (path: readonly PropertyKey[]) => formatPath([...pathPrefix, ...path]);
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown key itself: a misspelt option is the usual cause.
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const rule = suggester?.unknownKey(schema, input, issue.path, key) ?? 'is not a known option (misspelt?)';
        return { path: where(path), value: valueAt(input, path), rule };
      });
    }
    if (suggester !== undefined && issue.code === 'invalid_union' && (issue as { discriminator?: unknown }).discriminator !== undefined) {
      return [{ path: where(issue.path), value: valueAt(input, issue.path), rule: suggester.unknownKind(schema, input, issue) }];
    }
    return [{ path: where(issue.path), value: valueAt(input, issue.path), rule: issue.message }];
  });
  return new AnnealError(code, { subject, issues, cause: undefined });
}

// zod/mini loads no locale (classic zod installs English when its first schema is built), so
// every parse here passes zod's English messages itself: the defaults read as they did with
// classic zod ("Invalid input: expected number, received string"), whatever else is loaded.
let english: { error: ReturnType<typeof en>['localeError'] } | undefined;

/**
 * `safeParse` with zod's English messages, for a schema of zod/mini or of classic zod alike
 * (a user's rule may be written with either).
 *
 * @example const result = safeParseEnglish(rule.stateSchema, state); if (!result.success) ...
 */
export function safeParseEnglish<S extends $ZodType>(schema: S, input: unknown): util.SafeParseResult<output<S>> {
  english ??= { error: en().localeError };
  return safeParse(schema, input, english) as util.SafeParseResult<output<S>>;
}

/**
 * Parses with zod; on failure throws an AnnealError naming every bad field. Input nested
 * deeper than `maxConfigDepth` (100) is refused first, without recursion: zod's own
 * recursive walk would end in a RangeError on a 10 000-deep document.
 *
 * @example const options = parseOrThrow(schema, input, 'plateau options'); // or: Invalid plateau options: factor: must be > 0 and < 1 (got 2)
 */
export function parseOrThrow<S extends $ZodType>(
  schema: S,
  input: unknown,
  subject: string,
  code: AnnealErrorCode = 'INVALID_OPTIONS',
): output<S> {
  checkDepth(input, subject, code);
  const result = safeParseEnglish(schema, input);
  if (!result.success) throw errorFromZod(code, subject, result.error, input, [], schema);
  return result.data;
}
