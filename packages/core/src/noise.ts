// Counter-based randomness: a value is a pure function of (seed, step), with no
// generator state, so step 500 gives the same noise however often and in
// whatever order it is evaluated. Mixing is murmur3's 32-bit finaliser, chained
// over the seed, the two 32-bit halves of the step's float64 bits, and a stream id.

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hash(seed: number, step: number, stream: number): number {
  bits[0] = step === 0 ? 0 : step; // -0 and 0 are one step
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ (words[0] as number)) >>> 0);
  h = fmix32((h ^ (words[1] as number) ^ Math.imul(stream, 0x27d4eb2f)) >>> 0);
  return h;
}

/**
 * Uniform in the open interval (0, 1), a pure function of (seed, step, stream).
 *
 * @example uniformAt(42, 500) === uniformAt(42, 500) // true, in any order of calls
 */
export function uniformAt(seed: number, step: number, stream = 0): number {
  // Two 32-bit draws make a 53-bit mantissa; the +0.5 keeps it off 0 for the log below.
  const hi = hash(seed, step, 2 * stream) >>> 5; // 27 bits
  const lo = hash(seed, step, 2 * stream + 1) >>> 6; // 26 bits
  return (hi * 67108864 + lo + 0.5) / 9007199254740992;
}

/**
 * Standard normal (Box–Muller), a pure function of (seed, step):
 * `√(−2 ln u₁) · cos(2π u₂)` with `u₁, u₂` the uniforms of streams 0 and 1.
 *
 * @example const eps = sigma * normalAt(seed, step); // the noise of noisyLinearCosineDecay
 */
export function normalAt(seed: number, step: number): number {
  const u1 = uniformAt(seed, step, 0);
  const u2 = uniformAt(seed, step, 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
