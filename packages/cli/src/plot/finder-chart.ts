import { errorFromZod, suggestionMethods } from '@anneal/core';
import type { TopLevelSpec } from 'vega-lite';
import * as z from 'zod';
import type { Io } from '../io.js';
import { vegaLiteSchema } from './schedule-chart.js';

// A saved range test (the JSON of findLearningRate's result, from @anneal/loop or
// @anneal/tfjs) drawn as fastai's plot_lr_find draws it: loss against rate on a log
// axis, without the last 5 points (where the loss has blown up and would flatten the
// rest), each suggestion marked on the curve. JSON writes NaN and ±Infinity as null.

const loss = z.number().nullable();
const finderResultSchema = z.object({
  lrs: z.array(z.number().positive('must be a finite rate > 0')),
  losses: z.array(loss),
  smoothedLosses: z.array(loss),
  suggestions: z.partialRecord(z.enum(suggestionMethods), z.number().positive('must be a finite rate > 0').nullable()).default({}),
}).refine((r) => r.losses.length === r.lrs.length && r.smoothedLosses.length === r.lrs.length, {
  path: ['smoothedLosses'],
  message: 'lrs, losses and smoothedLosses must have the same length',
});

export type FinderResult = z.output<typeof finderResultSchema>;

/** A `readFile` that reads each path once, so standard input can be looked at twice. */
export function rememberReads(io: Io): Io {
  const texts = new Map<string, Promise<string>>();
  return {
    ...io,
    readFile: (path) => {
      if (!texts.has(path)) texts.set(path, io.readFile(path));
      return texts.get(path) as Promise<string>;
    },
  };
}

/**
 * The range-test result in a file's JSON, or null when it holds something else (no
 * `lrs` and `smoothedLosses` arrays: a schedule config). A malformed result is an
 * `INVALID_CONFIG` error naming the file and the field.
 *
 * @example const result = finderResultIn(await readJsonFile('lr-find.json', io), 'lr-find.json');
 */
export function finderResultIn(json: unknown, path: string): FinderResult | null {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as Record<string, unknown>).lrs) || !('smoothedLosses' in json)) return null;
  const parsed = finderResultSchema.safeParse(json);
  const file = path === '-' ? 'standard input' : `"${path}"`;
  if (!parsed.success) throw errorFromZod('INVALID_CONFIG', `range-test result in ${file}`, parsed.error, json);
  return parsed.data;
}

const methodColors: Record<string, string> = { valley: '#e45756', slide: '#54a24b', minimum: '#b279a2', steep: '#f58518' };
/** Points fastai's plot leaves off the end (plot_lr_find's skip_end). */
const skipEnd = 5;

/** numpy.interp: linear in log10(rate), held at the ends. */
function lossAt(lr: number, lrs: readonly number[], losses: readonly number[]): number {
  const x = Math.log10(lr);
  const xs = lrs.map(Math.log10);
  if (x <= (xs[0] as number)) return losses[0] as number;
  for (let i = 1; i < xs.length; i++) {
    if (x <= (xs[i] as number)) {
      const t = (x - (xs[i - 1] as number)) / ((xs[i] as number) - (xs[i - 1] as number));
      return (losses[i - 1] as number) + t * ((losses[i] as number) - (losses[i - 1] as number));
    }
  }
  return losses.at(-1) as number;
}

/**
 * The Vega-Lite spec of a range test: raw loss (thin, grey) and smoothed loss against the
 * rate on a log axis, each suggestion a dot on the smoothed curve labelled with its name
 * and rate. The y axis spans the smoothed curve, so a spike of the raw loss is clipped.
 *
 * @example renderSvg(finderChartSpec(result, { title: 'MLP on spirals' }))
 */
export function finderChartSpec(result: FinderResult, options: { title?: string | undefined } = {}): TopLevelSpec {
  const n = result.lrs.length > 2 * skipEnd ? result.lrs.length - skipEnd : result.lrs.length;
  const curve: { lr: number; loss: number; key: string }[] = [];
  const smooth: { lr: number; loss: number }[] = [];
  for (let i = 0; i < n; i++) {
    const lr = result.lrs[i] as number;
    const [raw, smoothed] = [result.losses[i], result.smoothedLosses[i]];
    if (raw != null && Number.isFinite(raw)) curve.push({ lr, loss: raw, key: 'loss' });
    if (smoothed != null && Number.isFinite(smoothed)) {
      curve.push({ lr, loss: smoothed, key: 'smoothed loss' });
      smooth.push({ lr, loss: smoothed });
    }
  }
  const low = Math.min(...curve.map((p) => p.loss));
  const high = Math.max(...smooth.map((p) => p.loss));
  const pad = 0.05 * (high - low || 1);
  // Suggestions sorted by rate; a label close to the one before (within 2×) is stacked below it.
  const marks = suggestionMethods
    .flatMap((method) => {
      const lr = result.suggestions[method];
      return lr == null || smooth.length === 0 ? [] : [{ method, lr, loss: lossAt(lr, smooth.map((p) => p.lr), smooth.map((p) => p.loss)) }];
    })
    .sort((a, b) => a.lr - b.lr)
    .map((mark) => ({ ...mark, label: `${mark.method} ${mark.lr.toExponential(1)}`, row: 0 }));
  marks.forEach((mark, i) => {
    const before = marks[i - 1];
    if (before !== undefined && mark.lr / before.lr < 2) mark.row = before.row + 1;
  });
  const points = marks.map(({ method, lr, loss: y, label, row }) => ({ key: method, lr, loss: y, label, row }));
  // One tick and grid line a decade: a log axis would otherwise draw every minor tick.
  const decades: number[] = [];
  for (let e = Math.floor(Math.log10(Math.min(...result.lrs))); e <= Math.ceil(Math.log10(Math.max(...result.lrs))); e++) decades.push(10 ** e);
  const x = { field: 'lr', type: 'quantitative', title: 'learning rate', scale: { type: 'log' }, axis: { format: '.0e', values: decades } } as const;
  const y = { field: 'loss', type: 'quantitative', title: 'loss', scale: { domain: [low - pad, high + pad], zero: false } } as const;
  // One colour scale for the two curves and the four methods; the legend names the curves.
  const series = ['loss', 'smoothed loss'];
  const colorScale = { domain: [...series, ...Object.keys(methodColors)], range: ['#bdbdbd', '#4c78a8', ...Object.values(methodColors)] };
  const color = { field: 'key', type: 'nominal', scale: colorScale } as const;
  const label = (row: number, style: Record<string, unknown>) => ({
    data: { values: points.filter((p) => p.row === row) },
    mark: { type: 'text', align: 'left', dx: 7, dy: 12 * row + 12, fontSize: 11, fontWeight: 'bold', ...style },
    encoding: { x, y, text: { field: 'label' }, ...(style.stroke ? {} : { color }) },
  });
  const rows = [...new Set(points.map((p) => p.row))];
  return {
    $schema: vegaLiteSchema,
    title: options.title ?? 'Learning-rate range test',
    background: 'white',
    width: 600,
    height: 320,
    layer: [
      // Raw first, smoothed over it.
      ...series.map((key) => ({
        data: { values: curve.filter((p) => p.key === key) },
        mark: { type: 'line', clip: true, strokeWidth: key === 'loss' ? 1 : 2.25 },
        encoding: { x, y, color: { ...color, title: null, legend: { orient: 'top-left', values: series } } },
      })),
      ...(points.length
        ? [
            { data: { values: points }, mark: { type: 'point', filled: true, size: 90, opacity: 1 }, encoding: { x, y, color } },
            // Each label twice: a white halo first, so it stays legible across the curve.
            ...rows.map((row) => label(row, { stroke: 'white', strokeWidth: 3, aria: false })),
            ...rows.map((row) => label(row, {})),
          ]
        : []),
    ],
  } as unknown as TopLevelSpec;
}
