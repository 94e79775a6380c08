import { AnnealError, type AnnealErrorCode, formatPath } from './errors.js';

/**
 * How deeply a config may nest (objects and arrays, the root being level 1). A real
 * config is a few levels deep; zod validates recursively, so a 10 000-deep document
 * would end in a RangeError. `checkDepth` refuses it first, without recursion.
 */
export const maxConfigDepth = 100;

interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly parent: Frame | null;
  readonly key: PropertyKey;
}

/**
 * Throws an AnnealError (naming the path where the limit is crossed) when `value` nests
 * objects or arrays more than `limit` levels deep. Iterative, and each object is walked
 * again only when reached deeper than before, so shared or cyclic values stay cheap.
 *
 * @example checkDepth(JSON.parse(text), 'schedule config'); // before zod sees it
 */
export function checkDepth(
  value: unknown,
  subject: string,
  code: AnnealErrorCode = 'INVALID_CONFIG',
  limit: number = maxConfigDepth,
): void {
  if (value === null || typeof value !== 'object') return;
  const deepest = new Map<object, number>();
  const stack: Frame[] = [{ value, depth: 1, parent: null, key: '' }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth > limit) throw tooDeep(frame, subject, code, limit);
    const seen = deepest.get(frame.value);
    if (seen !== undefined && seen >= frame.depth) continue;
    deepest.set(frame.value, frame.depth);
    const array = Array.isArray(frame.value);
    for (const key of Object.keys(frame.value)) {
      const child = (frame.value as Record<string, unknown>)[key];
      // An array's index is a number, so the path prints `[3]`, not `.3`.
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: array ? Number(key) : key });
    }
  }
}

function tooDeep(frame: Frame, subject: string, code: AnnealErrorCode, limit: number): AnnealError {
  const path: PropertyKey[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) path.push(f.key);
  path.reverse();
  return new AnnealError(code, {
    subject,
    issues: [{ path: formatPath(path), value: frame.value, rule: `must not nest more than ${limit} levels deep` }],
  });
}
