import { z } from 'zod';

// Metric values may be NaN or ±Infinity: the monitor must see them to guard against
// them, and zod's z.number() would refuse them.
const metricValue = z.custom<number>((v) => typeof v === 'number', { message: 'must be a number' });

/** One evaluation: `{ step?, epoch?, metrics: { name: value } }`. */
export const observationSchema = z.object({
  step: z.number().nonnegative('must be a finite number >= 0').optional(),
  epoch: z.number().int('must be an integer').nonnegative('must be >= 0').optional(),
  metrics: z.record(z.string(), metricValue),
});

export type ObservationInput = z.input<typeof observationSchema>;

/** An observation after normalisation: `step` always present. */
export interface Observation {
  readonly step: number;
  readonly epoch?: number | undefined;
  readonly metrics: Readonly<Record<string, number>>;
}
