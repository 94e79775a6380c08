/**
 * Canonical JSON: object keys sorted, `undefined` members dropped (as JSON.stringify
 * does), no whitespace. Two configs that mean the same thing serialise the same way
 * whatever order their keys were written in.
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  // A schedule function has no JSON form: spelt as a marker, so a snapshot of a run
  // with a function schedule restores only with a function schedule again.
  if (typeof value === 'function') return '"(function)"';
  if (value === null || typeof value !== 'object') {
    // Non-finite numbers are spelled out, so NaN and null never hash alike.
    if (typeof value === 'number' && !Number.isFinite(value)) return `"${String(value)}"`;
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

const offsetBasis = 0xcbf29ce484222325n;
const prime = 0x100000001b3n;
const mask = 0xffffffffffffffffn;

/**
 * 64-bit FNV-1a of a string's UTF-8 bytes, as 16 hex digits. Not cryptographic: it
 * tells configs apart, it does not resist forgery. Runs once per monitor, so BigInt
 * arithmetic is fast enough and keeps the code short.
 *
 * @example fnv1a64('') // 'cbf29ce484222325'
 */
export function fnv1a64(text: string): string {
  let hash = offsetBasis;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The fingerprint of a validated monitor config: FNV-1a 64 of its canonical JSON.
 * Hash the *validated* config, defaults filled in, so `{ rules: [] }` and an omitted
 * `rules` (which mean the same) share a fingerprint.
 *
 * @example configFingerprint(compileMonitor(config).config) // e.g. '9c1f0e4a7b3d2c15'
 */
export function configFingerprint(config: unknown): string {
  return fnv1a64(canonicalJson(config));
}
