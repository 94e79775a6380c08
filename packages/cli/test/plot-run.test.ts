import { describe, expect, it } from 'vitest';
import { renderSvg } from '../src/plot/render-svg.js';
import { runChartSpec, spansDecades } from '../src/plot/run-chart.js';
import { type SimulationRecord, simulationRunChart } from '../src/plot/simulation-run.js';
import { axisLabels, marksOf, parseSvg, textsOf } from './plot-svg.js';

// A hand-written run of 12 epochs (100 steps each): a plateau drop at epoch 4, another
// at 7, a warm restart at 9, early stop at 11, and a NaN metric at epoch 5.
function records(): SimulationRecord[] {
  const out: SimulationRecord[] = [];
  let lr = 0.1;
  for (let epoch = 0; epoch < 12; epoch++) {
    const events: SimulationRecord['events'][number][] = [];
    if (epoch === 4 || epoch === 7) {
      events.push({ type: 'improve' }, { type: 'drop', rule: 'plateau', from: lr, to: lr * 0.1 });
      lr *= 0.1;
    }
    if (epoch === 9) {
      events.push({ type: 'restart', rule: 'warmRestart', from: lr, to: 0.05, restart: 1 });
      lr = 0.05;
    }
    if (epoch === 11) events.push({ type: 'stop', rule: 'earlyStop' });
    out.push({ step: epoch * 100, epoch, value: epoch === 5 ? Number.NaN : 1 / (epoch + 1), lr, events });
  }
  return out;
}

const render = async (options: Parameters<typeof simulationRunChart>[1], input = records()) =>
  parseSvg(await renderSvg(runChartSpec(simulationRunChart(input, options))));

describe('run chart', () => {
  it('stacks the metric above the learning rate: two lines, the metric name, "learning rate" and the x axis titled', async () => {
    const svg = await render({ metric: 'val_loss', title: 'A run' });
    expect(marksOf(svg, 'line mark')).toHaveLength(2);
    expect(textsOf(svg, 'role-axis-title')).toEqual(['val_loss', 'step', 'learning rate']);
    expect(textsOf(svg, 'role-title-text')).toEqual(['A run']);
    // The upper panel shares the x axis and so shows no labels of its own.
    const [upperY, lowerX] = [axisLabels(svg)[1], axisLabels(svg)[2]];
    expect(upperY).toMatch(/^Y-axis titled 'val_loss'/);
    expect(lowerX).toMatch(/^X-axis titled 'step' for a linear scale with values from 0 to 1,?100/);
  });

  it('marks each drop, restart and stop with a rule in both panels and a label naming the rule', async () => {
    const svg = await render({ metric: 'val_loss' });
    expect(textsOf(svg, 'event_label_marks')).toEqual([
      'drop ×0.1 (plateau)',
      'drop ×0.1 (plateau)',
      'restart 1 (warmRestart)',
      'stop (earlyStop)',
    ]);
    expect(marksOf(svg, 'rule mark')).toHaveLength(2 * 4);
  });

  it('uses epochs on x when the log had no steps, steps otherwise', async () => {
    expect(textsOf(await render({ metric: 'loss', logHasSteps: false }), 'role-axis-title')).toContain('epoch');
    expect(textsOf(await render({ metric: 'loss', logHasSteps: true }), 'role-axis-title')).toContain('step');
  });

  it('puts the learning rate on a log axis when it spans more than a decade, linear otherwise', async () => {
    const lrAxis = (svg: Awaited<ReturnType<typeof render>>) =>
      axisLabels(svg).find((label) => label.startsWith("Y-axis titled 'learning rate'"));
    expect(lrAxis(await render({ metric: 'loss' }))).toMatch(/for a log scale/);
    const gentle = records().map((r) => ({ ...r, lr: 0.1 - r.epoch! * 0.005, events: [] }));
    expect(lrAxis(await render({ metric: 'loss' }, gentle))).toMatch(/for a linear scale/);
    expect(spansDecades([0.1, 0.01])).toBe(false);
    expect(spansDecades([0.1, 0.0099])).toBe(true);
    expect(spansDecades([0.1, 0])).toBe(false);
  });

  it('draws a rate change upright: the rate before and after share the observation step, in that order', () => {
    const spec = runChartSpec(simulationRunChart(records(), { metric: 'loss' })) as {
      vconcat: { layer: { data: { values: { x: number; lr?: number; value?: number | null }[] } }[] }[];
    };
    const lr = spec.vconcat[1]?.layer[0]?.data.values ?? [];
    const at400 = lr.filter((row) => row.x === 400).map((row) => row.lr);
    expect(at400).toEqual([0.1, expect.closeTo(0.01, 15)]);
    // The NaN metric becomes null, which breaks the metric line there instead of joining across.
    expect(spec.vconcat[0]?.layer[0]?.data.values[5]?.value).toBeNull();
  });

  it('breaks the metric line at a non-finite value', async () => {
    const [metricLine] = marksOf(await render({ metric: 'loss' }), 'line mark');
    expect(metricLine?.attrs.d?.match(/M/g)).toHaveLength(2);
  });
});
