/**
 * The cosine wave ½(1 + cos(2π · cycles · progress)) of TensorFlow's linear cosine decays and
 * Hugging Face's cosine schedules, total for every finite input: the whole cycles are taken out
 * first (exactly: x − floor(x)), so a huge cycle count or progress cannot turn the angle into
 * Infinity, and past 2^53 cycles (where every double is a whole number, and on overflow) the
 * phase is 0.
 *
 * @example periodicCosine(0.5, 0.5) // 0.5: a quarter of the way round
 */
export function periodicCosine(cycles: number, progress: number): number {
  const turns = Math.min(cycles * progress, 2 ** 53);
  return 0.5 * (1 + Math.cos(2 * Math.PI * (turns - Math.floor(turns))));
}
