/** How far `describeValue` looks into nested arrays and objects before writing `[…]` / `{…}`. */
const maxDepth = 3;
/** Longest description, in characters. */
const maxLength = 80;

/**
 * A value for an error message: short, and NaN/Infinity spelled out (JSON would say null).
 * Bounded in depth and length, iteratively, so a hostile value (10 000 nested arrays,
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
  return out.text();
}

class Writer {
  private readonly parts: string[] = [];
  private length = 0;
  full = false;

  add(text: string): void {
    if (this.full) return;
    this.parts.push(text);
    this.length += text.length;
    if (this.length > maxLength) this.full = true;
  }

  text(): string {
    const text = this.parts.join('');
    return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
  }
}

// Recursion is bounded by maxDepth (3), whatever the value's own depth.
function write(value: unknown, depth: number, out: Writer): void {
  if (out.full) return;
  if (typeof value === 'function' || typeof value === 'symbol') return out.add('null');
  if (typeof value !== 'object' || value === null) return out.add(scalar(value, false));
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') {
    // Dates and the like describe themselves; a throwing toJSON is described by its kind.
    let own: unknown;
    try {
      own = (json as () => unknown).call(value);
    } catch {
      return out.add(Array.isArray(value) ? '[…]' : '{…}');
    }
    if (typeof own !== 'object' || own === null) return out.add(scalar(own, false));
  }
  if (Array.isArray(value)) {
    if (depth >= maxDepth) return out.add(value.length === 0 ? '[]' : '[…]');
    out.add('[');
    for (let i = 0; i < value.length && !out.full; i++) {
      if (i > 0) out.add(',');
      write(value[i], depth + 1, out);
    }
    return out.add(']');
  }
  const keys = Object.keys(value);
  if (depth >= maxDepth) return out.add(keys.length === 0 ? '{}' : '{…}');
  out.add('{');
  let first = true;
  for (const key of keys) {
    if (out.full) break;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out.add(`${first ? '' : ','}${JSON.stringify(key.length > maxLength ? key.slice(0, maxLength) : key)}:`);
    first = false;
    write(item, depth + 1, out);
  }
  out.add('}');
}

function scalar(value: unknown, top: boolean): string {
  if (typeof value === 'number') return top || Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    // Only the head of a long string can be shown; quoting all of it would cost its whole length.
    return JSON.stringify(value.length > maxLength ? value.slice(0, maxLength) : value);
  }
  if (value === null) return 'null';
  if (value === undefined) return top ? 'nothing' : 'null';
  return String(value);
}
