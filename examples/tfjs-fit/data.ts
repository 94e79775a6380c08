// Two interleaved spirals: a small classification problem that a straight line cannot
// solve and an MLP can, with a learning-rate schedule that visibly matters.

/** mulberry32: a tiny seeded generator, so every run sees the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Points {
  /** `count × 2` coordinates, row-major. */
  readonly x: Float32Array;
  /** `count` labels, 0 or 1. */
  readonly y: Float32Array;
  readonly count: number;
}

/**
 * `count` points on two spirals (half each, shuffled), `turns` turns each, with
 * Gaussian noise of standard deviation `noise` around the arms.
 */
export function twoSpirals(count: number, { seed, turns = 1.25, noise = 0.06 }: { seed: number; turns?: number; noise?: number }): Points {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const r = Math.sqrt(random()); // uniform density along the arm's area
    const angle = r * turns * 2 * Math.PI + label * Math.PI;
    const row = order[i]!;
    x[2 * row] = r * Math.cos(angle) + noise * gaussian();
    x[2 * row + 1] = r * Math.sin(angle) + noise * gaussian();
    y[row] = label;
  }
  return { x, y, count };
}
