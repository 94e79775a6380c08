import * as z from 'zod/mini';

// Metric values may be NaN or ±Infinity: the monitor must see them to guard against
// them, and zod's z.number() would refuse them.
const metricValue = z.custom<number>((v) => typeof v === 'number', { message: 'must be a number' });

/** One evaluation: `{ step?, epoch?, metrics: { name: value } }`. */
export const observationSchema = z.object({
  step: z.optional(z.number().check(z.nonnegative('must be a finite number >= 0'))),
  epoch: z.optional(z.number().check(z.int('must be an integer'), z.nonnegative('must be >= 0'))),
  metrics: z.record(z.string(), metricValue),
});

export type ObservationInput = z.input<typeof observationSchema>;

/** An observation after normalisation: `step` always present. */
export interface Observation {
  readonly step: number;
  readonly epoch?: number | undefined;
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * A fast check that accepts only observations `observationSchema` accepts too (a
 * subset: anything unusual falls through to zod, which also words the error). It
 * keeps zod out of the per-observation path of the reducer.
 */
export function isWellFormedObservation(input: unknown): input is ObservationInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const { step, epoch, metrics } = input as Record<string, unknown>;
  if (step !== undefined && !(typeof step === 'number' && step >= 0 && step !== Infinity)) return false;
  if (epoch !== undefined && !(Number.isSafeInteger(epoch) && (epoch as number) >= 0)) return false;
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) return false;
  // A plain object of numbers. `constructor === Object` is a cached property load, where
  // Object.getPrototypeOf was a runtime call on every observation; anything else (a class
  // instance, a null prototype, a metric named "constructor") takes the zod path.
  if ((metrics as { constructor?: unknown }).constructor !== Object) return false;
  for (const key in metrics) if (typeof (metrics as Record<string, unknown>)[key] !== 'number') return false;
  return true;
}
