import { formatPath } from '@anneal/core';
import { type MetricsLogEntry, type Problem, validateObservation } from './metrics-log-problems.js';
import { nonFiniteText } from './number-text.js';

/**
 * JSONL: one JSON object per line, `{"step"?, "epoch"?, "metrics": {name: value}}`; other
 * members ignored, blank lines skipped, a byte-order mark at the start accepted. A metric
 * is a number, `null` (NaN: JavaScript's `JSON.stringify` writes NaN as null), or one of
 * the strings "NaN", "Infinity", "-Infinity" (Python's "nan"/"inf" too); Python's
 * `json.dumps` bare `NaN`/`Infinity`/`-Infinity` tokens are accepted.
 */
export function parseJsonl(text: string, problems: Problem[]): MetricsLogEntry[] {
  const entries: MetricsLogEntry[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  body.split(/\r?\n/).forEach((raw, i) => {
    const entry = jsonlEntry(raw, i + 1, problems);
    if (entry !== undefined) entries.push(entry);
  });
  return entries;
}

/** One line of a JSONL log (without its line break): its entry, or undefined (blank, or bad: then in `problems`). */
export function jsonlEntry(raw: string, line: number, problems: Problem[]): MetricsLogEntry | undefined {
  if (raw.trim() === '') return undefined;
  const parsed = parseJsonLine(raw);
  if (!parsed.ok) {
    problems.push({ line, path: '', value: undefined, rule: `not valid JSON (${parsed.message})` });
    return undefined;
  }
  const record = parsed.value;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    problems.push({ line, path: '', value: record, rule: 'must be a JSON object {"step"?, "epoch"?, "metrics": {...}}' });
    return undefined;
  }
  const { metrics } = record as { metrics?: unknown };
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) {
    problems.push({ line, path: 'metrics', value: metrics, rule: 'must be an object of metric values, e.g. {"val_loss": 0.31}' });
    return undefined;
  }
  const values: Record<string, number> = {};
  let bad = false;
  for (const [name, value] of Object.entries(metrics)) {
    const number = metricValue(value);
    if (number === undefined) {
      bad = true;
      problems.push({
        line,
        path: formatPath(['metrics', name]),
        value,
        rule: 'must be a number, null (NaN) or one of the strings "NaN", "Infinity", "-Infinity"',
      });
    } else values[name] = number;
  }
  if (bad) return undefined;
  const observation = validateObservation(line, { ...(record as object), metrics: values }, problems);
  return observation === undefined ? undefined : { line, observation };
}

function metricValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === null) return Number.NaN;
  return typeof value === 'string' ? nonFiniteText(value) : undefined;
}

type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

function parseJsonLine(raw: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    // Python's json.dumps writes bare NaN/Infinity/-Infinity; quote them and retry.
    const quoted = quoteBareNonFinite(raw);
    if (quoted !== raw) {
      try {
        return { ok: true, value: JSON.parse(quoted) };
      } catch {
        // fall through to the original complaint
      }
    }
    return { ok: false, message: (error as Error).message };
  }
}

const bareTokens = ['-Infinity', 'Infinity', 'NaN'];

/** Quotes bare `NaN`, `Infinity`, `-Infinity` tokens outside JSON strings (one pass). */
function quoteBareNonFinite(raw: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += raw[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = bareTokens.find((t) => raw.startsWith(t, i));
    if (token !== undefined) {
      out += `"${token}"`;
      i += token.length - 1;
    } else out += c;
  }
  return out;
}
