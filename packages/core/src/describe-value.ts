/** How far `describeValue` looks into nested arrays and objects before writing `[…]` / `{…}`. */
const maxDepth = 3;
/** Longest description, in characters. */
const maxLength = 80;

/**
 * A value for an error message: short, and NaN/Infinity spelled out (JSON would say null).
 * Bounded in depth (3 levels) and length (80 characters), so a hostile value (10 000 nested arrays,
 * a cycle, a megabyte string) costs a few hundred characters, never a stack overflow.
 *
 * @example describeValue(Number.NaN) // 'NaN'; describeValue(undefined) // 'nothing'; describeValue({ a: 1 }) // '{"a":1}'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'function') return 'a function';
  const out = new Writer();
  if (typeof value !== 'object' || value === null) out.add(scalar(value, true));
  else write(value, 0, out);
  return out.result();
}

/** Collects the pieces of a description, and stops once it is long enough. */
class Writer {
  private text = '';
  full = false;

  add(piece: string): void {
    if (this.full) return;
    this.text += piece;
    this.full = this.text.length > maxLength;
  }

  result(): string {
    return this.text.length > maxLength ? `${this.text.slice(0, maxLength - 3)}...` : this.text;
  }
}

// Recursion is bounded by maxDepth (3), whatever the value's own depth. As JSON would,
// it skips functions and undefined inside objects; unlike JSON it never calls toJSON.
function write(value: unknown, depth: number, out: Writer): void {
  if (out.full) return;
  if (typeof value !== 'object' || value === null) return out.add(scalar(value, false));
  const array = Array.isArray(value);
  const keys = array ? null : Object.keys(value);
  const empty = array ? value.length === 0 : (keys as string[]).length === 0;
  if (depth >= maxDepth) return out.add(array ? (empty ? '[]' : '[…]') : empty ? '{}' : '{…}');
  out.add(array ? '[' : '{');
  let first = true;
  const n = array ? value.length : (keys as string[]).length;
  for (let i = 0; i < n && !out.full; i++) {
    const key = array ? i : (keys as string[])[i] as string;
    const item = (value as Record<PropertyKey, unknown>)[key];
    if (!array && (item === undefined || typeof item === 'function' || typeof item === 'symbol')) continue;
    out.add(first ? '' : ',');
    first = false;
    if (!array) out.add(`${JSON.stringify((key as string).slice(0, maxLength))}:`);
    write(item, depth + 1, out);
  }
  out.add(array ? ']' : '}');
}

function scalar(value: unknown, top: boolean): string {
  if (typeof value === 'number') return top || Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'function' || typeof value === 'symbol') return 'null';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    // Only the head of a long string can be shown; quoting all of it would cost its whole length.
    return JSON.stringify(value.length > maxLength ? value.slice(0, maxLength) : value);
  }
  if (value === null) return 'null';
  if (value === undefined) return top ? 'nothing' : 'null';
  return String(value);
}
