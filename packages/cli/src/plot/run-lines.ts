import { createM4, type XY } from './downsample.js';

/**
 * The metric and rate lines of a long run, reduced by M4 as the observations arrive,
 * over an x range known beforehand (`anneal simulate` reads its log once to check it,
 * which gives the range, then replays it): memory O(buckets) whatever the run's length.
 *
 * The metric is M4 of its finite values, with a NaN point (a break in the line) in
 * each column where it was not finite, at the first such x. A rate change is drawn
 * upright: the rate before it and after it at the same x.
 *
 * @example
 * const lines = createRunLines(1, 1_000_000, 1000);
 * lines.add(step, loss, lr, Number.NaN); // per observation; `before` is NaN without a change
 * const { metric, lr } = lines.result(); // ≤ 4000 points each (+ a break per column)
 */
export function createRunLines(xMin: number, xMax: number, buckets: number) {
  const metric = createM4(xMin, xMax, buckets);
  const rate = createM4(xMin, xMax, buckets);
  const gapAt = new Float64Array(buckets).fill(Number.NaN);
  const width = xMax - xMin;
  const one = { x: new Float64Array(1), y: new Float64Array(1) };

  return {
    add(x: number, value: number, lr: number, before: number): void {
      if (Number.isFinite(value)) {
        one.x[0] = x;
        one.y[0] = value;
        metric.add(one.x, one.y);
      } else {
        const b = width > 0 ? Math.min(buckets - 1, Math.floor(((x - xMin) / width) * buckets)) : 0;
        if (Number.isNaN(gapAt[b] as number) || x < (gapAt[b] as number)) gapAt[b] = x;
      }
      one.x[0] = x;
      if (!Number.isNaN(before)) {
        one.y[0] = before;
        rate.add(one.x, one.y);
      }
      one.y[0] = lr;
      rate.add(one.x, one.y);
    },
    result(): { metric: XY; lr: XY } {
      return { metric: withGaps(metric.result(), gapAt), lr: rate.result() };
    },
  };
}

/** Inserts a NaN point at each gap's x, keeping x ascending. */
function withGaps(line: XY, gapAt: Float64Array): XY {
  const gaps = Array.from(gapAt).filter((g) => !Number.isNaN(g));
  if (gaps.length === 0) return line;
  const x: number[] = [];
  const y: number[] = [];
  let g = 0;
  for (let i = 0; i < line.x.length; i++) {
    const xi = line.x[i] as number;
    while (g < gaps.length && (gaps[g] as number) <= xi) x.push(gaps[g++] as number), y.push(Number.NaN);
    x.push(xi), y.push(line.y[i] as number);
  }
  while (g < gaps.length) x.push(gaps[g++] as number), y.push(Number.NaN);
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}
