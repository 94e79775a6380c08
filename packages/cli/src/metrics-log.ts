import { AnnealError } from '@anneal/core';
import { parseCsv } from './metrics-log-csv.js';
import { parseJsonl } from './metrics-log-jsonl.js';
import { logError, type MetricsLogEntry, type Problem } from './metrics-log-problems.js';

export type MetricsLogFormat = 'jsonl' | 'csv';
export type { MetricsLogEntry } from './metrics-log-problems.js';
export { parseNumberText } from './number-text.js';

/**
 * Picks the format: `.jsonl`/`.ndjson`/`.json` and `.csv` by extension, otherwise by
 * content (a first non-blank line starting with `{` is JSONL).
 */
export function detectMetricsLogFormat(path: string, text: string): MetricsLogFormat {
  const lower = path.toLowerCase();
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  const first = text.replace(/^\uFEFF/, '').trimStart();
  return first.startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * Parses a metrics log into observations, checking every line first: a bad line is
 * reported with its line number, field and value, all bad lines in one AnnealError
 * (INVALID_OBSERVATION).
 *
 * - JSONL (`metrics-log-jsonl.ts`): one JSON object per line,
 *   `{"step"?, "epoch"?, "metrics": {name: value}}`; a metric may be a number, `null`
 *   (NaN, as JavaScript's `JSON.stringify` writes it) or "NaN", "Infinity", "-Infinity".
 * - CSV (`metrics-log-csv.ts`, csv-parse): a header line, then one row per observation;
 *   columns `step` and `epoch` are the observation's, every other column is a metric, an
 *   empty cell is a value not logged at that row (Keras's and Lightning's CSVLogger files
 *   read as they are).
 *
 * A byte-order mark at the start is accepted in both; line numbers are the file's.
 *
 * @example parseMetricsLog('{"step":1,"metrics":{"loss":"NaN"}}', 'jsonl')
 * // [{ line: 1, observation: { step: 1, metrics: { loss: NaN } } }]
 */
export function parseMetricsLog(text: string, format: MetricsLogFormat, source = 'metrics log'): MetricsLogEntry[] {
  const problems: Problem[] = [];
  const entries = format === 'csv' ? parseCsv(text, problems) : parseJsonl(text, problems);
  if (problems.length > 0) throw logError(source, problems);
  if (entries.length === 0) throw noObservations(source);
  return entries;
}

/** The error of a log without a single observation. */
export function noObservations(source: string): AnnealError {
  return new AnnealError('INVALID_OBSERVATION', `Invalid ${source}: it holds no observations`, [
    { path: '', value: undefined, rule: 'must hold at least one observation' },
  ]);
}

/**
 * How messages name a metrics log, here and in `anneal simulate`'s line errors.
 *
 * @example metricsLogName('run.jsonl') // 'metrics log "run.jsonl"'; '-' gives 'metrics log (standard input)'
 */
export function metricsLogName(path: string): string {
  return path === '-' ? 'metrics log (standard input)' : `metrics log "${path}"`;
}
