import { type CsvError, type Options, parse } from 'csv-parse/sync';
import { type MetricsLogEntry, type Problem, validateObservation } from './metrics-log-problems.js';
import { parseNumberText } from './number-text.js';

export interface CsvRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * CSV (read by csv-parse, RFC 4180 quoting): a header line, then one row per
 * observation. Columns `step` and `epoch` are the observation's; every other column is a
 * metric. An empty cell leaves the value out (the monitor's `onMissing` decides), as in
 * Lightning's `metrics.csv`; Keras's `CSVLogger` (`epoch,loss,val_loss,...`) reads as is.
 * A byte-order mark at the start is accepted; a quoted field may span lines, and each
 * row is reported at the line it starts on.
 */
export function parseCsv(text: string, problems: Problem[]): MetricsLogEntry[] {
  const rows = createCsvRows();
  const records = parse(text, rows.options) as unknown as CsvRow[];
  const entries: MetricsLogEntry[] = [];
  for (const row of records) {
    const entry = rows.row(row);
    if (entry !== undefined) entries.push(entry);
  }
  problems.push(...rows.problems());
  return rows.problems().length > 0 ? [] : entries;
}

/**
 * The reading of CSV rows, shared by `parseCsv` and the streaming reader: `options` for
 * csv-parse (sync or stream), `row` per record as it comes (its entry, or undefined),
 * and `problems()` at the end, sorted by line, in lists made by `newList`. A row
 * csv-parse could not read, or a bad header, makes the rows' problems moot: then those
 * alone are reported.
 */
export function createCsvRows(newList: () => Problem[] = () => []) {
  const early = newList(); // csv-parse's complaints and the header's
  const late = newList(); // the rows'
  let names: string[] | undefined;
  const options = {
    bom: true,
    info: true,
    relax_column_count: true, // the width is checked below, with a message naming the line
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error === undefined) return;
      const lines = (error as CsvError & { lines?: number }).lines ?? 0;
      early.push({ line: lines, path: '', value: undefined, rule: error.message.replace(/ at line \d+/, '') });
    },
  } satisfies Options;

  return {
    options,
    row(row: CsvRow): MetricsLogEntry | undefined {
      if (names === undefined) {
        names = header(row, early);
        return undefined;
      }
      if (early.length > 0) return undefined;
      return csvEntry(row, names, late);
    },
    problems(): Problem[] {
      return (early.length > 0 ? early : late).sort((a, b) => a.line - b.line);
    },
  };
}

/** The column names of the header row; an empty or repeated name is a problem. */
function header(row: CsvRow, problems: Problem[]): string[] {
  const headerLine = startLine(row);
  const names = row.record.map((name) => name.trim());
  const seen = new Set<string>();
  names.forEach((name, column) => {
    if (name === '') problems.push({ line: headerLine, path: `column ${column + 1}`, value: name, rule: 'header: must name the column' });
    else if (seen.has(name)) problems.push({ line: headerLine, path: name, value: name, rule: 'header: column named twice' });
    seen.add(name);
  });
  return names;
}

function csvEntry(row: CsvRow, names: readonly string[], problems: Problem[]): MetricsLogEntry | undefined {
  const line = startLine(row);
  const cells = row.record;
  if (cells.length !== names.length) {
    problems.push({ line, path: '', value: undefined, rule: `has ${cells.length} cells, the header has ${names.length}` });
    return undefined;
  }
  const candidate: { step?: number; epoch?: number; metrics: Record<string, number> } = { metrics: {} };
  let bad = false;
  cells.forEach((cell, column) => {
    const name = names[column] as string;
    if (cell.trim() === '') return; // not logged at this row
    const value = parseNumberText(cell);
    if (value === undefined) {
      bad = true;
      const what = name === 'step' || name === 'epoch' ? 'a number' : 'a number, NaN, Infinity or -Infinity';
      problems.push({ line, path: name, value: cell, rule: `must be ${what}` });
    } else if (name === 'step' || name === 'epoch') candidate[name] = value;
    else candidate.metrics[name] = value;
  });
  if (bad) return undefined;
  const observation = validateObservation(line, candidate, problems);
  return observation === undefined ? undefined : { line, observation };
}

/** csv-parse counts the line a row ends on; a quoted field holding newlines started earlier. */
function startLine(row: CsvRow): number {
  let newlines = 0;
  for (const cell of row.record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) newlines++;
  return row.info.lines - newlines;
}
