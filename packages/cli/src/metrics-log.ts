import { AnnealError, type AnnealIssue, describeValue, formatPath } from '@anneal/core';
import { type ObservationInput, observationSchema } from '@anneal/monitor';
import type { Io } from './io.js';

/** One observation of a metrics log, with the 1-based line it came from. */
export interface MetricsLogEntry {
  readonly line: number;
  readonly observation: ObservationInput;
}

export type MetricsLogFormat = 'jsonl' | 'csv';

/** How many bad lines one error message lists before it says "and N more". */
const maxListed = 20;

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
const nonFiniteText = (text: string): number | undefined => nonFinite.get(text.trim().toLowerCase());
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number written as text: a decimal literal or a non-finite spelling; undefined otherwise. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (decimal.test(trimmed)) return Number(trimmed);
  return nonFiniteText(trimmed);
}

/**
 * Picks the format: `.jsonl`/`.ndjson`/`.json` and `.csv` by extension, otherwise by
 * content (a first non-blank line starting with `{` is JSONL).
 */
export function detectMetricsLogFormat(path: string, text: string): MetricsLogFormat {
  const lower = path.toLowerCase();
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '');
  return first?.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * Parses a metrics log into observations, checking every line first: a bad line is
 * reported with its line number, field and value, all bad lines in one AnnealError
 * (INVALID_OBSERVATION).
 *
 * - JSONL: one JSON object per line, `{"step"?, "epoch"?, "metrics": {name: value}}`;
 *   other members are ignored, blank lines skipped. A metric may be a number or the
 *   string "NaN", "Infinity" or "-Infinity" (Python's "nan"/"inf" spellings too), and
 *   Python's `json.dumps` bare `NaN`/`Infinity`/`-Infinity` tokens are accepted.
 * - CSV: a header line, then one row per observation. Columns `step` and `epoch` are
 *   the observation's; every other column is a metric. An empty cell leaves the value
 *   out (the monitor's `onMissing` decides). Fields may be double-quoted ("" escapes a
 *   quote); a field may not span lines.
 *
 * @example parseMetricsLog('{"step":1,"metrics":{"loss":"NaN"}}', 'jsonl')
 * // [{ line: 1, observation: { step: 1, metrics: { loss: NaN } } }]
 */
export function parseMetricsLog(text: string, format: MetricsLogFormat, source = 'metrics log'): MetricsLogEntry[] {
  const problems: Problem[] = [];
  const entries = format === 'csv' ? parseCsv(text, problems) : parseJsonl(text, problems);
  if (problems.length > 0) throw logError(source, problems);
  if (entries.length === 0) {
    throw new AnnealError('INVALID_OBSERVATION', `Invalid ${source}: it holds no observations`, [
      { path: '', value: undefined, rule: 'must hold at least one observation' },
    ]);
  }
  return entries;
}

/**
 * How messages name a metrics log, here and in `anneal simulate`'s line errors.
 *
 * @example metricsLogName('run.jsonl') // 'metrics log "run.jsonl"'; '-' gives 'metrics log (standard input)'
 */
export function metricsLogName(path: string): string {
  return path === '-' ? 'metrics log (standard input)' : `metrics log "${path}"`;
}

/**
 * Reads and parses a metrics log file (`-` for standard input); the format is given or
 * detected (see `detectMetricsLogFormat`). An unreadable file is invalid input.
 *
 * @example const entries = await readMetricsLog('run.jsonl', processIo); // [{ line: 1, observation: {...} }, ...]
 */
export async function readMetricsLog(path: string, io: Io, format?: MetricsLogFormat): Promise<MetricsLogEntry[]> {
  const name = metricsLogName(path);
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AnnealError('INVALID_OBSERVATION', `Cannot read ${name}: ${reason}`, [
      { path: '', value: path, rule: 'must be a readable file' },
    ]);
  }
  return parseMetricsLog(text, format ?? detectMetricsLogFormat(path, text), name);
}

interface Problem {
  readonly line: number;
  readonly path: string;
  readonly value: unknown;
  readonly rule: string;
}

function logError(source: string, problems: readonly Problem[]): AnnealError {
  const describe = (p: Problem) =>
    `line ${p.line}: ${p.path === '' ? '' : `${p.path}: `}${p.rule}${p.value === undefined ? '' : ` (got ${describeValue(p.value)})`}`;
  const listed = problems.slice(0, maxListed).map(describe);
  if (problems.length > maxListed) listed.push(`... and ${problems.length - maxListed} more bad lines`);
  const message =
    problems.length === 1 ? `Invalid ${source}: ${listed[0]}` : `Invalid ${source}:\n  - ${listed.join('\n  - ')}`;
  const issues: AnnealIssue[] = problems.map((p) => ({
    path: `line ${p.line}${p.path === '' ? '' : `: ${p.path}`}`,
    value: p.value,
    rule: p.rule,
  }));
  return new AnnealError('INVALID_OBSERVATION', message, issues);
}

/** Checks step/epoch/metrics with the monitor's own observation schema. */
function validate(line: number, candidate: unknown, problems: Problem[]): ObservationInput | undefined {
  const result = observationSchema.safeParse(candidate);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    let value: unknown = candidate;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    problems.push({ line, path: formatPath(issue.path as PropertyKey[]), value, rule: issue.message });
  }
  return undefined;
}

function parseJsonl(text: string, problems: Problem[]): MetricsLogEntry[] {
  const entries: MetricsLogEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const parsed = parseJsonLine(raw);
    if (!parsed.ok) {
      problems.push({ line, path: '', value: undefined, rule: `not valid JSON (${parsed.message})` });
      return;
    }
    const record = parsed.value;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      problems.push({ line, path: '', value: record, rule: 'must be a JSON object {"step"?, "epoch"?, "metrics": {...}}' });
      return;
    }
    const { metrics } = record as { metrics?: unknown };
    if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) {
      problems.push({ line, path: 'metrics', value: metrics, rule: 'must be an object of metric values, e.g. {"val_loss": 0.31}' });
      return;
    }
    const values: Record<string, number> = {};
    let bad = false;
    for (const [name, value] of Object.entries(metrics)) {
      const number = typeof value === 'number' ? value : typeof value === 'string' ? nonFiniteText(value) : undefined;
      if (number === undefined) {
        bad = true;
        problems.push({
          line,
          path: formatPath(['metrics', name]),
          value,
          rule: 'must be a number or one of the strings "NaN", "Infinity", "-Infinity"',
        });
      } else values[name] = number;
    }
    if (bad) return;
    const observation = validate(line, { ...(record as object), metrics: values }, problems);
    if (observation !== undefined) entries.push({ line, observation });
  });
  return entries;
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

/** Quotes bare `NaN`, `Infinity`, `-Infinity` tokens outside JSON strings. */
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
    const token = /^(-?Infinity|NaN)/.exec(raw.slice(i, i + 9))?.[0];
    if (token !== undefined) {
      out += `"${token}"`;
      i += token.length - 1;
    } else out += c;
  }
  return out;
}

function parseCsv(text: string, problems: Problem[]): MetricsLogEntry[] {
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex < 0) return [];
  const headerLine = headerIndex + 1;
  const header = splitCsvLine(lines[headerIndex] as string);
  if (header === undefined) {
    problems.push({ line: headerLine, path: '', value: undefined, rule: 'header: unterminated quoted field' });
    return [];
  }
  const names = header.map((name) => name.trim());
  const seen = new Set<string>();
  names.forEach((name, column) => {
    if (name === '') problems.push({ line: headerLine, path: `column ${column + 1}`, value: name, rule: 'header: must name the column' });
    else if (seen.has(name)) problems.push({ line: headerLine, path: name, value: name, rule: 'header: column named twice' });
    seen.add(name);
  });
  if (problems.length > 0) return [];

  const entries: MetricsLogEntry[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw);
    if (cells === undefined) {
      problems.push({ line, path: '', value: undefined, rule: 'unterminated quoted field' });
      continue;
    }
    if (cells.length !== names.length) {
      problems.push({ line, path: '', value: undefined, rule: `has ${cells.length} cells, the header has ${names.length}` });
      continue;
    }
    const candidate: { step?: number; epoch?: number; metrics: Record<string, number> } = { metrics: {} };
    let bad = false;
    cells.forEach((cell, column) => {
      const name = names[column] as string;
      if (cell.trim() === '') return; // missing value
      const value = parseNumberText(cell);
      if (value === undefined) {
        bad = true;
        const what = name === 'step' || name === 'epoch' ? 'a number' : 'a number, NaN, Infinity or -Infinity';
        problems.push({ line, path: name, value: cell, rule: `must be ${what}` });
      } else if (name === 'step' || name === 'epoch') candidate[name] = value;
      else candidate.metrics[name] = value;
    });
    if (bad) continue;
    const observation = validate(line, candidate, problems);
    if (observation !== undefined) entries.push({ line, observation });
  }
  return entries;
}

/** Splits one CSV line; double-quoted fields may hold commas and "" for a quote. Undefined if a quote is left open. */
function splitCsvLine(line: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}
