import { pipeline, Readable } from 'node:stream';
import { AnnealError } from '@anneal/core';
import { parse } from 'csv-parse';
import { unreadableFile } from './file-errors.js';
import type { Io } from './io.js';
import { type CsvRow, createCsvRows } from './metrics-log-csv.js';
import { jsonlEntry } from './metrics-log-jsonl.js';
import { BoundedProblems, logError, type MetricsLogEntry } from './metrics-log-problems.js';
import { detectMetricsLogFormat, type MetricsLogFormat, metricsLogName, noObservations } from './metrics-log.js';

/** A metrics log that can be read from the start any number of times, one observation at a time. */
export interface MetricsLogReader {
  /** How messages name it (`metrics log "run.jsonl"`). */
  readonly name: string;
  readonly format: MetricsLogFormat;
  /**
   * Reads the whole log, calling `visit` with each observation in order, and returns how
   * many there were. Every line is checked: the bad ones end it in one AnnealError
   * (INVALID_OBSERVATION, as `parseMetricsLog`), thrown once the log is read, as is a
   * log without observations. What `visit` throws ends the reading and is rethrown.
   */
  forEach(visit: (entry: MetricsLogEntry) => void): Promise<number>;
}

/**
 * Opens a metrics log (`-` for standard input) to be read as a stream: memory does not
 * grow with its length (the lines in flight, and at most 1000 bad lines kept for the
 * message). `anneal simulate` reads it twice: once to check every line before anything
 * runs, once to replay it. Standard input, which can be read only once, is held as text.
 * The format is given or detected (see `detectMetricsLogFormat`, which reads up to the
 * first non-blank character). A file that cannot be read is an `IO` error.
 *
 * @example const log = await openMetricsLog('run.jsonl', processIo); await log.forEach(({ line, observation }) => ...);
 */
export async function openMetricsLog(path: string, io: Io, format?: MetricsLogFormat): Promise<MetricsLogReader> {
  const name = metricsLogName(path);
  const guard = (error: unknown) => (error instanceof AnnealError ? error : unreadableFile('metrics log', path, error));
  let chunks: () => AsyncIterable<string> | Iterable<string>;
  const stream = io.readStream;
  if (path === '-' || stream === undefined) {
    let text: string;
    try {
      text = await io.readFile(path);
    } catch (error) {
      throw guard(error);
    }
    chunks = () => [text];
  } else {
    chunks = () => guarded(stream(path), guard);
  }
  const chosen = format ?? detectMetricsLogFormat(path, await head(chunks()));
  return {
    name,
    format: chosen,
    async forEach(visit) {
      let count = 0;
      const counted = (entry: MetricsLogEntry | undefined) => {
        if (entry === undefined) return;
        count++;
        visit(entry);
      };
      let problems: BoundedProblems;
      if (chosen === 'csv') {
        const rows = createCsvRows(() => new BoundedProblems());
        await forEachCsvRow(chunks(), rows.options, (row) => counted(rows.row(row)));
        problems = rows.problems() as BoundedProblems;
      } else {
        problems = new BoundedProblems();
        await forEachLine(chunks(), (raw, line) => counted(jsonlEntry(raw, line, problems)));
        problems.sort((a, b) => a.line - b.line);
      }
      if (problems.length > 0) throw logError(name, problems, problems.length + problems.dropped);
      if (count === 0) throw noObservations(name);
      return count;
    },
  };
}

/** The file's chunks, any error reading them turned into an AnnealError by `guard`. */
async function* guarded(chunks: AsyncIterable<string>, guard: (error: unknown) => Error): AsyncGenerator<string> {
  try {
    yield* chunks;
  } catch (error) {
    throw guard(error);
  }
}

/** The text up to its first non-blank character (what format detection looks at). */
async function head(chunks: AsyncIterable<string> | Iterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) {
    text += chunk;
    if (text.replace(/^\uFEFF/, '').trimStart() !== '') break;
  }
  return text;
}

/**
 * Calls `visit` with each line of a text arriving in chunks and its 1-based number, as
 * `text.split(/\r?\n/)` would give them (a byte-order mark at the start dropped).
 * Not node:readline: it also ends a line at a lone `\r`, which would renumber a log's lines.
 */
async function forEachLine(chunks: AsyncIterable<string> | Iterable<string>, visit: (raw: string, line: number) => void): Promise<void> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (let chunk of chunks) {
    if (first && chunk !== '') {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      visit(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end), ++line);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  visit(rest, ++line);
}

/**
 * csv-parse's stream API over the chunks, `visit` called with each record (with `info`)
 * as it is parsed; a read error (through pipeline) or what `visit` throws rejects.
 * Records are taken from 'data' events rather than an async iterator: a promise per
 * row would double the cost of a long log.
 */
function forEachCsvRow(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: ReturnType<typeof createCsvRows>['options'],
  visit: (row: CsvRow) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = parse(options);
    let failed = false;
    parser.on('data', (row: CsvRow) => {
      if (failed) return;
      try {
        visit(row);
      } catch (error) {
        failed = true;
        reject(error);
        parser.destroy();
      }
    });
    pipeline(Readable.from(chunks, { objectMode: false }), parser, (error) => (error ? reject(error) : resolve()));
  });
}
