import type { $ZodError, $ZodIssue, $ZodType, output } from 'zod/v4/core';
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
  const result = (schema as unknown as { safeParse(input: unknown): { success: boolean; data?: unknown; error?: $ZodError } }).safeParse(input);
  if (!result.success) throw errorFromZod(code, subject, result.error as $ZodError, input, [], schema);
  return result.data as output<S>;
}
