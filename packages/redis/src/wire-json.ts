// JSON has no NaN, ±Infinity or -0. On the wire they are written as monitor snapshots
// write them, a tagged object `{"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}`,
// so a metric of NaN reaches the monitor as NaN and a decision's value comes back exact.

const specials: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || (Number.isFinite(value) && !Object.is(value, -0))) return value;
  return { $number: Object.is(value, -0) ? '-0' : String(value) };
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const text = (value as { $number?: unknown }).$number;
  if (typeof text !== 'string' || Object.keys(value).length !== 1 || !Object.hasOwn(specials, text)) return value;
  return specials[text];
}

/** `JSON.stringify` with NaN, ±Infinity and -0 tagged. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** `JSON.parse` that turns the tags back into numbers; throws SyntaxError on bad JSON. */
export function fromWireJson(text: string): unknown {
  return JSON.parse(text, reviver);
}
