// Spellings of non-finite values: JavaScript's and JSON-with-extensions' (NaN, Infinity)
// and Python's str()/pandas' (nan, inf), any case, with an optional sign on infinities.
const nonFinite = new Map<string, number>([
  ['nan', Number.NaN],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
]);

/** NaN or ±Infinity for one of their spellings, any case; undefined for anything else. */
export function nonFiniteText(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed.length > 9 ? undefined : nonFinite.get(trimmed.toLowerCase());
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * True for a decimal literal `[+-]digits[.digits][e[+-]digits]` (digits on at least one
 * side of the point). One pass over the text: a regex with nested quantifiers would
 * backtrack quadratically on a long run of digits followed by a stray character, and
 * metrics logs are untrusted input.
 */
export function isDecimalText(text: string): boolean {
  const n = text.length;
  let i = 0;
  if (text[i] === '+' || text[i] === '-') i++;
  let digits = 0;
  while (i < n && isDigit(text.charCodeAt(i))) (i++, digits++);
  if (text[i] === '.') {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) (i++, digits++);
  }
  if (digits === 0) return false;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  return i === n;
}

/**
 * A number written as text: a decimal literal or a non-finite spelling; undefined otherwise.
 *
 * @example parseNumberText(' 1.5e-3 ') // 0.0015; parseNumberText('-inf') // -Infinity; parseNumberText('0x10') // undefined
 */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (isDecimalText(trimmed)) return Number(trimmed);
  return nonFiniteText(trimmed);
}
