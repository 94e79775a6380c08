import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axisLabels, findAll, marksOf, parseSvg, textsOf } from './plot-svg.js';
import { runCli, tempDir, tempFile } from './run-cli.js';

// A saved range test as findLearningRate writes it (JSON.stringify: NaN becomes null):
// 40 batches from 1e-6 growing ×1.5 each, the smoothed loss falling then rising.
const lrs = Array.from({ length: 40 }, (_, i) => 1e-6 * 1.5 ** i);
const smoothedLosses: (number | null)[] = lrs.map((lr) => 1 + (Math.log10(lr) + 2.5) ** 2 / 10);
const losses: (number | null)[] = smoothedLosses.map((l, i) => (l as number) + (i % 2 ? 0.05 : -0.05));
losses[20] = null;
const saved = {
  lrs,
  losses,
  smoothedLosses,
  suggestions: { valley: lrs[12], slide: lrs[20], minimum: (lrs[22] as number) / 10, steep: null },
  stoppedEarly: true,
  runs: [],
};

let outputs = 0;
const out = (ext = 'svg') => join(tempDir, `finder-${++outputs}.${ext}`);

describe('anneal plot <range-test result>', () => {
  it('draws raw and smoothed loss against the rate on a log axis, each suggestion marked and labelled with its rate', async () => {
    const chart = out();
    const result = await runCli(['plot', tempFile(saved), '-o', chart, '--title', 'My range test']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const svg = parseSvg(readFileSync(chart, 'utf8'));
    expect(textsOf(svg, 'role-title-text')).toEqual(['My range test']);
    expect(textsOf(svg, 'role-axis-title')).toEqual(['learning rate', 'loss']);
    expect(axisLabels(svg)[0]).toMatch(/^X-axis titled 'learning rate' for a log scale/);
    expect(marksOf(svg, 'line mark')).toHaveLength(2);
    expect(textsOf(svg, 'role-legend-label')).toEqual(['loss', 'smoothed loss']);
    // A null suggestion (steep) gets no mark; the others a dot and a label with the rate.
    expect(marksOf(svg, 'point')).toHaveLength(3);
    const labels = findLabels(svg);
    expect(labels).toEqual(expect.arrayContaining([`valley ${(lrs[12] as number).toExponential(1)}`, `slide ${(lrs[20] as number).toExponential(1)}`]));
    expect(labels.some((l) => l.startsWith('steep'))).toBe(false);
  });

  it('leaves off the last 5 points as fastai’s plot_lr_find does, and breaks the raw line at a null loss', async () => {
    const specPath = out('vl.json');
    await runCli(['plot', tempFile(saved), '-o', out(), '--spec', specPath]);
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { layer: { data: { values: { lr: number; key: string }[] } }[] };
    const [raw, smooth] = [spec.layer[0]?.data.values ?? [], spec.layer[1]?.data.values ?? []];
    expect(smooth.map((p) => p.lr)).toEqual(lrs.slice(0, 35));
    expect(raw).toHaveLength(34); // 35 drawn, one of them null
  });

  it('reads a result from standard input too', async () => {
    const result = await runCli(['plot', '-', '-o', out()], { stdin: JSON.stringify(saved) });
    expect(result.code).toBe(0);
  });

  it('refuses a malformed result, naming the field (exit 1)', async () => {
    const result = await runCli(['plot', tempFile({ ...saved, smoothedLosses: [1, 2] }), '-o', out()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/range-test result in .*smoothedLosses: lrs, losses and smoothedLosses must have the same length/);
  });

  it('still asks for --steps when the file is a schedule config', async () => {
    const result = await runCli(['plot', tempFile({ kind: 'constant', initialLearningRate: 0.1 }), '-o', out()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--steps/);
  });
});

function findLabels(svg: ReturnType<typeof parseSvg>): string[] {
  return findAll(svg, (n) => n.name === 'text')
    .map((n) => n.text.trim())
    .filter((t) => /^(valley|slide|minimum|steep) /.test(t));
}
