// A Vega-Lite chart in the page through vega-embed. A spec that differs from the one on
// screen only in its inline data (a slider moved) swaps the data into the live view
// instead of compiling and laying out the chart again: that is what keeps a 10 000-step
// curve under 50 ms per redraw. Draws are serialised, and only the latest waiting one runs.
import embed, { type Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';

export interface Chart {
  /** Draws `spec`; resolves once the chart on screen shows it (or a later spec). */
  draw(spec: TopLevelSpec): Promise<void>;
  /** The Vega view, for tests and exports. */
  readonly result: Result | undefined;
  /** How many times the chart was drawn (full embeds and data swaps). */
  readonly draws: number;
}

export function createChart(element: HTMLElement): Chart {
  let result: Result | undefined;
  let shape = '';
  let draws = 0;
  let running: Promise<void> | undefined;
  let waiting: TopLevelSpec | undefined;

  const render = async (spec: TopLevelSpec) => {
    const { values, rest } = splitData(spec);
    const nextShape = JSON.stringify(rest);
    if (result !== undefined && values !== undefined && nextShape === shape) {
      result.view.data('source_0', values);
      await result.view.runAsync();
      
    } else {
      
      result?.finalize();
      result = await embed(element, spec as never, { renderer: 'svg', actions: false, tooltip: false });
      shape = nextShape;
    }
    draws += 1;
    element.dataset.draws = String(draws);
  };

  const drain = async () => {
    while (waiting !== undefined) {
      const spec = waiting;
      waiting = undefined;
      await render(spec);
    }
    running = undefined;
  };

  return {
    draw(spec) {
      waiting = spec;
      running ??= drain();
      return running;
    },
    get result() {
      return result;
    },
    get draws() {
      return draws;
    },
  };
}

/** A single-view spec's inline rows, and the rest of the spec (what decides the layout). */
function splitData(spec: TopLevelSpec): { values: unknown[] | undefined; rest: unknown } {
  const data = (spec as { data?: { values?: unknown } }).data;
  if (data === undefined || !Array.isArray(data.values)) return { values: undefined, rest: spec };
  const { data: _data, ...rest } = spec as { data: unknown };
  return { values: data.values, rest };
}
