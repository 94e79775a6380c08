import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG document, headless: Vega-Lite compiles it to a
 * Vega spec, and a Vega view with the `none` renderer writes the SVG as a string. No
 * canvas, no native module, no browser; text widths are Vega's estimates.
 *
 * @example const svg = await renderSvg(scheduleChartSpec(series)); // '<svg xmlns=…'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
