// The schedule designer's chart: every curve of the page evaluated by anneal over the step
// range and drawn with `anneal plot`'s own Vega-Lite spec (M4-reduced past 4000 points,
// linear or log axis). A curve is rebuilt only when its config changed.
import { AnnealError, buildSchedule, parseScheduleConfig } from '@anneal/core';
import { type NamedSeries, sampleSchedule, scheduleChartSpec } from './anneal-cli.js';
import type { Chart } from './chart.js';

// One M4 column per pixel of the chart (scheduleChartSpec draws 600 px wide): the
// line covers the same pixels as through every step (see createM4), with fewer points
// for Vega to lay out on each redraw than `anneal plot`'s 1000 columns.
const chartWidth = 600;

export interface Curve {
  readonly name: string;
  readonly config: unknown;
}

export interface DesignerView {
  readonly curves: readonly Curve[];
  /** First step drawn. */
  readonly from: number;
  /** Last step drawn + 1 (the stop is exclusive, as in `anneal plot --steps from:to`). */
  readonly to: number;
  readonly logY: boolean;
}

/** What a draw left out: curves with a bad config, or a log axis the values cannot take. */
export interface DrawOutcome {
  readonly skipped: readonly { readonly name: string; readonly message: string }[];
  readonly chartError?: string | undefined;
}

export function createDesignerChart(chart: Chart) {
  const samples = new Map<string, NamedSeries | { error: string }>();
  let steps = new Float64Array(0);
  let range = '';

  const sample = (curve: Curve): NamedSeries | { error: string } => {
    const key = `${curve.name}\u0000${JSON.stringify(curve.config)}\u0000${range}`;
    const cached = samples.get(key);
    if (cached !== undefined) return cached;
    let result: NamedSeries | { error: string };
    try {
      result = { name: curve.name, ...sampleSchedule(buildSchedule(parseScheduleConfig(curve.config)), steps, chartWidth) };
    } catch (error) {
      if (!(error instanceof AnnealError)) throw error;
      result = { error: error.message };
    }
    samples.set(key, result);
    return result;
  };

  return {
    /** Evaluates and draws; resolves once the chart shows it. */
    async draw(view: DesignerView): Promise<DrawOutcome> {
      const nextRange = `${view.from}:${view.to}`;
      if (nextRange !== range) {
        range = nextRange;
        const count = Math.max(0, Math.floor(view.to - view.from));
        steps = new Float64Array(count);
        for (let i = 0; i < count; i++) steps[i] = view.from + i;
      }
      // Only the curves on screen stay cached.
      const live = new Set(view.curves.map((c) => `${c.name}\u0000${JSON.stringify(c.config)}\u0000${range}`));
      for (const key of samples.keys()) if (!live.has(key)) samples.delete(key);

      const series: NamedSeries[] = [];
      const skipped: { name: string; message: string }[] = [];
      for (const curve of view.curves) {
        const result = sample(curve);
        if ('error' in result) skipped.push({ name: curve.name, message: result.error });
        else series.push(result);
      }
      if (steps.length === 0) return { skipped, chartError: `the step range ${range} holds no step (to is exclusive)` };
      let spec;
      try {
        spec = scheduleChartSpec(series, { logY: view.logY });
      } catch (error) {
        if (!(error instanceof AnnealError)) throw error;
        // The CLI's wording names its flag; here the switch is the "log y" box.
        return { skipped, chartError: error.message.replace(/^--log-y: /, 'log y: ').replace(/drop --log-y/g, 'untick "log y"') };
      }
      
      await chart.draw(spec);
      return { skipped };
    },
  };
}
