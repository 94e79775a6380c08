// Zoom on a step range by dragging across the schedule chart: the pixels are turned into
// steps with the chart's own x scale, and the range is handed back. The spec itself stays
// `anneal plot`'s (no selection param added to it).
import type { Chart } from './chart.js';

export function enableDragZoom(element: HTMLElement, chart: Chart, onRange: (from: number, to: number) => void): void {
  const band = document.createElement('div');
  band.className = 'zoom-band';
  band.hidden = true;
  element.style.position = 'relative';
  element.append(band);
  let start: number | undefined;

  /** The x of a pointer in the plot's coordinates (0 at the left of the axis); `clamp` pulls it into the plot. */
  const plotX = (clientX: number, clamp = false): number | undefined => {
    const view = chart.result?.view;
    const svg = element.querySelector('svg');
    if (view === undefined || svg === null) return undefined;
    const box = svg.getBoundingClientRect();
    // The SVG may be drawn smaller than its own size (CSS max-width): pixels → view units.
    // The plot starts after the view's padding and its origin (the y axis's room).
    const scale = Number(svg.getAttribute('width')) / box.width || 1;
    const padding = view.padding();
    const x = (clientX - box.left) * scale - (typeof padding === 'number' ? padding : (padding.left ?? 0)) - view.origin()[0];
    if (clamp) return Math.min(Math.max(x, 0), view.width());
    return x >= 0 && x <= view.width() ? x : undefined;
  };

  element.addEventListener('pointerdown', (event) => {
    start = plotX(event.clientX);
    if (start === undefined) return;
    element.setPointerCapture(event.pointerId);
    band.hidden = false;
    band.style.left = `${event.clientX - element.getBoundingClientRect().left}px`;
    band.style.width = '0px';
  });
  element.addEventListener('pointermove', (event) => {
    if (start === undefined) return;
    const origin = element.getBoundingClientRect().left;
    const anchor = parseFloat(band.style.left);
    const here = event.clientX - origin;
    band.style.left = `${Math.min(anchor, here)}px`;
    band.style.width = `${Math.abs(here - anchor)}px`;
  });
  element.addEventListener('pointerup', (event) => {
    const first = start;
    start = undefined;
    band.hidden = true;
    const view = chart.result?.view;
    const end = plotX(event.clientX, true);
    if (first === undefined || end === undefined || view === undefined || Math.abs(end - first) < 6) return;
    const scale = view.scale('x') as ((v: number) => number) & { invert(px: number): number };
    const [a, b] = [scale.invert(Math.min(first, end)), scale.invert(Math.max(first, end))];
    const from = Math.max(0, Math.floor(a));
    const to = Math.max(from + 2, Math.ceil(b) + 1);
    onRange(from, to);
  });
}
