// A tiny shared harness: time two functions side by side in one process and report
// their ratio (CONVENTIONS 10: a ratio, not a lone absolute time). Each function is
// timed once per round, rounds alternate which goes first so drift hits both, and
// the median round wins over the noise of a shared machine.

/** One comparison: our abstraction against a hand-written baseline doing the same work. */
export interface Row {
  name: string;
  /** Median milliseconds per call. */
  oursMs: number;
  baselineMs: number;
  /** oursMs / baselineMs: 1.10 means the abstraction costs 10%. */
  ratio: number;
  /** Anything a reader must know about this row (e.g. values that disagree). */
  note?: string;
}

/** What a `*.bench.ts` module's `run()` returns. */
export interface Suite {
  title: string;
  rows: Row[];
  /** Printed under the table: skipped cases, settings. */
  notes: string[];
}

export interface CompareOptions {
  /** Timed rounds; the median is kept. */
  rounds?: number;
  /** Untimed calls of each function first, so both are optimised before timing. */
  warmup?: number;
}

const defaultRounds = Number(process.env.BENCH_ROUNDS ?? 5);

function timeOnce(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Times `ours` and `baseline` alternately and returns their medians and ratio. */
export function compare(
  name: string,
  ours: () => unknown,
  baseline: () => unknown,
  { rounds = defaultRounds, warmup = 2 }: CompareOptions = {},
): Row {
  for (let i = 0; i < warmup; i++) {
    ours();
    baseline();
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      oursTimes.push(timeOnce(ours));
      baselineTimes.push(timeOnce(baseline));
    } else {
      baselineTimes.push(timeOnce(baseline));
      oursTimes.push(timeOnce(ours));
    }
  }
  const oursMs = median(oursTimes);
  const baselineMs = median(baselineTimes);
  return { name, oursMs, baselineMs, ratio: oursMs / baselineMs };
}

/** `compare` for asynchronous work (e.g. a training loop): the same alternation and medians. */
export async function compareAsync(
  name: string,
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  { rounds = defaultRounds, warmup = 2 }: CompareOptions = {},
): Promise<Row> {
  const time = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < warmup; i++) {
    await ours();
    await baseline();
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      oursTimes.push(await time(ours));
      baselineTimes.push(await time(baseline));
    } else {
      baselineTimes.push(await time(baseline));
      oursTimes.push(await time(ours));
    }
  }
  const oursMs = median(oursTimes);
  const baselineMs = median(baselineTimes);
  return { name, oursMs, baselineMs, ratio: oursMs / baselineMs };
}

/**
 * Largest relative difference between two runs of the same values (NaN counts as the
 * worst), checked before timing so a baseline that drifted from its source is caught.
 */
export function maxRelativeDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const diff = Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
    if (!(diff <= worst)) worst = diff;
  }
  return worst;
}

/** The suite as a plain-text table, ready to print or paste into Markdown. */
export function formatSuite(suite: Suite): string {
  const header = ['case', 'ours ms', 'baseline ms', 'ours / baseline', 'note'];
  const body = suite.rows.map((row) => [
    row.name,
    row.oursMs.toFixed(1),
    row.baselineMs.toFixed(1),
    row.ratio.toFixed(2),
    row.note ?? '',
  ]);
  const widths = header.map((title, col) => Math.max(title.length, ...body.map((cells) => (cells[col] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, col) => (col === 0 || col === 4 ? cell.padEnd(widths[col] as number) : cell.padStart(widths[col] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (col === 0 || col === 4 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const notes = suite.notes.map((note) => `- ${note}`);
  return [`## ${suite.title}`, '', line(header), rule, ...body.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
