/** A series ready to draw: x and y of equal length, x ascending. */
export interface XY {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * M4 downsampling (Jugel et al., "M4: A Visualization-Oriented Time Series Data
 * Aggregation", VLDB 2014): split the x range into `buckets` equal columns and keep,
 * per column, the points with the first and last x and the smallest and largest y.
 * With at least one column per pixel, the line drawn through these ≤ 4·buckets points
 * covers the same pixels as the line through every point: the noise band of a noisy
 * schedule keeps its envelope, and every jump of a staircase keeps its full height,
 * drawn within one column (the last point before it and the first after it are kept).
 * A plain stride would average noise away and could place a jump anywhere in between.
 *
 * The accumulator is fed in chunks, so a schedule over 10^7 steps is sampled
 * without holding its values, and its memory is O(buckets).
 *
 * Points at one x keep the order they were added in (a jump is drawn the way it went).
 *
 * @example
 * const m4 = createM4(0, 999_999, 1000);
 * m4.add(steps, values); // any number of times, any chunk size
 * const { x, y } = m4.result(); // at most 4000 points, x ascending
 */
export function createM4(xMin: number, xMax: number, buckets: number) {
  const width = xMax - xMin;
  const count = new Uint32Array(buckets);
  const firstX = new Float64Array(buckets);
  const firstY = new Float64Array(buckets);
  const lastX = new Float64Array(buckets);
  const lastY = new Float64Array(buckets);
  const minX = new Float64Array(buckets);
  const minY = new Float64Array(buckets);
  const maxX = new Float64Array(buckets);
  const maxY = new Float64Array(buckets);
  // When the extremes were added: at one x (a rate before and after a change) they are
  // drawn in that order, not reversed.
  const minAt = new Float64Array(buckets);
  const maxAt = new Float64Array(buckets);
  let added = 0;

  return {
    /** Adds points `(xs[i], ys[i])`; xs need not be sorted. */
    add(xs: ArrayLike<number>, ys: ArrayLike<number>): void {
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i] as number;
        const y = ys[i] as number;
        // Clamped at both ends: a point outside the range given lands in the edge column.
        const b = width > 0 ? Math.max(0, Math.min(buckets - 1, Math.floor(((x - xMin) / width) * buckets))) : 0;
        if (count[b] === 0) {
          firstX[b] = lastX[b] = minX[b] = maxX[b] = x;
          firstY[b] = lastY[b] = minY[b] = maxY[b] = y;
          minAt[b] = maxAt[b] = added;
        } else {
          if (x < (firstX[b] as number)) (firstX[b] = x), (firstY[b] = y);
          if (x >= (lastX[b] as number)) (lastX[b] = x), (lastY[b] = y);
          if (y < (minY[b] as number)) (minY[b] = y), (minX[b] = x), (minAt[b] = added);
          if (y > (maxY[b] as number)) (maxY[b] = y), (maxX[b] = x), (maxAt[b] = added);
        }
        added++;
        count[b] = (count[b] as number) + 1;
      }
    },
    /** The kept points, x ascending, each point once. */
    result(): XY {
      const x: number[] = [];
      const y: number[] = [];
      const keep = (px: number, py: number) => {
        const last = x.length - 1;
        if (last >= 0 && x[last] === px && y[last] === py) return;
        x.push(px);
        y.push(py);
      };
      for (let b = 0; b < buckets; b++) {
        if (count[b] === 0) continue;
        keep(firstX[b] as number, firstY[b] as number);
        // The extremes in the order they occur, so the path visits them as the data does.
        const [aX, aY, bX, bY] =
          (minX[b] as number) < (maxX[b] as number) || (minX[b] === maxX[b] && (minAt[b] as number) <= (maxAt[b] as number))
            ? [minX[b], minY[b], maxX[b], maxY[b]]
            : [maxX[b], maxY[b], minX[b], minY[b]];
        keep(aX as number, aY as number);
        keep(bX as number, bY as number);
        keep(lastX[b] as number, lastY[b] as number);
      }
      return { x: Float64Array.from(x), y: Float64Array.from(y) };
    },
  };
}
