import * as z from 'zod/mini';
import { meanOf, saturate } from './finite-mean.js';
import { windowSizeSchema } from './window.js';

/**
 * How the monitor smooths the monitored metric before every rule sees it:
 * - `ema`: bias-corrected exponential moving average, as fastai's smoothed loss:
 *   `s = β·s + (1 − β)·x`, value `s / (1 − βⁿ)` after n finite values;
 * - `mean` / `median`: over the last `window` finite values (fewer at the start).
 */
export const smoothingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ema'),
    beta: z._default(z.number().check(z.gt(0, 'must be > 0 and < 1'), z.lt(1, 'must be > 0 and < 1')), 0.9),
  }),
  z.strictObject({ kind: z.literal('mean'), window: windowSizeSchema(1) }),
  z.strictObject({ kind: z.literal('median'), window: windowSizeSchema(1) }),
]);

export type Smoothing = z.output<typeof smoothingSchema>;

/** The smoother's memory, kept in the monitor state (and so in snapshots). */
export const smootherStateSchema = z.union([
  z.object({ kind: z.literal('ema'), s: z.number(), n: z.number().check(z.int(), z.nonnegative()) }),
  z.object({ kind: z.enum(['mean', 'median']), values: z.array(z.number()) }),
]);

export type SmootherState = z.infer<typeof smootherStateSchema>;

export function initialSmoother(smoothing: Smoothing | undefined): SmootherState | undefined {
  if (smoothing === undefined) return undefined;
  return smoothing.kind === 'ema' ? { kind: 'ema', s: 0, n: 0 } : { kind: smoothing.kind, values: [] };
}

/**
 * Feeds one finite value: the smoothed value and the next memory (a new object; the
 * given one is not changed). Non-finite values must not reach here: they bypass the smoother.
 */
export function smooth(smoothing: Smoothing, memory: SmootherState, x: number): { value: number; memory: SmootherState } {
  if (smoothing.kind === 'ema') {
    const { beta } = smoothing;
    const prior = memory.kind === 'ema' ? memory : { s: 0, n: 0 };
    // A weighted mean of finite values is finite; near ±Number.MAX_VALUE the rounding of
    // the weights could still carry it past, so both are held at the largest double.
    const s = saturate(beta * prior.s + (1 - beta) * x);
    const n = prior.n + 1;
    return { value: saturate(s / (1 - beta ** n)), memory: { kind: 'ema', s, n } };
  }
  const previous = memory.kind === 'ema' ? [] : memory.values;
  const values = previous.length < smoothing.window ? [...previous, x] : [...previous.slice(previous.length - smoothing.window + 1), x];
  return { value: smoothing.kind === 'mean' ? meanOf(values) : median(values), memory: { kind: smoothing.kind, values } };
}

// The middle values are selected, not sorted for (Hoare's quickselect on a copy): O(n) a
// call instead of O(n log n) with a comparator, which made a window of 1000 cost 0.3 ms an
// observation (a 1 M-line replay took minutes).
function median(values: readonly number[]): number {
  const n = values.length;
  const work = Float64Array.from(values);
  const mid = n >> 1;
  const b = select(work, mid);
  if (n % 2 === 1) return b;
  // After selecting the mid-th, everything before it is <= it: the (mid−1)-th is their maximum.
  let a = work[0] as number;
  for (let i = 1; i < mid; i++) if ((work[i] as number) > a) a = work[i] as number;
  // The sum of the middle two may overflow (two values of 1e308), their halves cannot.
  return Number.isFinite(a + b) ? (a + b) / 2 : a / 2 + b / 2;
}

/** The k-th smallest of `work` (0-based), leaving smaller ones before index k. Reorders `work`. */
function select(work: Float64Array, k: number): number {
  let lo = 0;
  let hi = work.length - 1;
  while (lo < hi) {
    const pivot = work[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((work[i] as number) < pivot) i++;
      while ((work[j] as number) > pivot) j--;
      if (i <= j) {
        const t = work[i] as number;
        work[i] = work[j] as number;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return work[k] as number;
}

/** One line for decisions and README examples: "ema β 0.9", "mean of 5", "median of 5". */
export function describeSmoothing(smoothing: Smoothing): string {
  return smoothing.kind === 'ema' ? `ema β ${smoothing.beta}` : `${smoothing.kind} of ${smoothing.window}`;
}
