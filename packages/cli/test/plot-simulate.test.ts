import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axisLabels, marksOf, parseSvg, textsOf } from './plot-svg.js';
import { runCli, tempDir, tempFile } from './run-cli.js';

// torch.optim.lr_scheduler.ReduceLROnPlateau(mode="min", factor=0.1, patience=2,
// threshold=1e-4, threshold_mode="rel"): the rate drops on the 3rd bad epoch in a row.
// With the losses below, epochs 2, 3, 4 are bad (0.95 ≥ 0.9·(1 − 1e-4)): a drop at
// epoch 4 (0.1 → 0.01), which resets the count; epoch 5 improves (0.8); epochs 6, 7, 8
// are bad (0.85 ≥ 0.8·(1 − 1e-4)): a second drop at epoch 8 (0.01 → 0.001).
const monitor = {
  initialLearningRate: 0.1,
  metric: 'val_loss',
  rules: [{ kind: 'plateau', patience: 2, factor: 0.1, compat: 'torch' }],
};
const losses = [1, 0.9, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85];
const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');

let count = 0;
async function simulatePlot(rows: unknown[]) {
  const svg = join(tempDir, `run-${++count}.svg`);
  const result = await runCli(['simulate', tempFile(monitor), '--metrics', tempFile(jsonl(rows), `log-${count}.jsonl`), '--plot', svg]);
  return { ...result, svg: result.code === 0 ? parseSvg(readFileSync(svg, 'utf8')) : undefined };
}

describe('anneal simulate --plot', () => {
  it('draws the metric above and the rate below on a shared step axis, and still prints the JSON lines', async () => {
    const { code, stdout, stderr, svg } = await simulatePlot(losses.map((val_loss, i) => ({ step: 100 * (i + 1), metrics: { val_loss } })));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(losses.length);
    expect(marksOf(svg!, 'line mark')).toHaveLength(2);
    expect(textsOf(svg!, 'role-axis-title')).toEqual(['val_loss', 'step', 'learning rate']);
    // 0.1 → 0.01 → 0.001 spans two decades: a log axis.
    expect(axisLabels(svg!).find((l) => l.startsWith("Y-axis titled 'learning rate'"))).toMatch(/log scale/);
    expect(axisLabels(svg!).find((l) => l.startsWith("X-axis titled 'step'"))).toMatch(/values from 100 to 900/);
  });

  it('marks each plateau drop with a rule in both panels and a label with its factor and rule', async () => {
    const { svg } = await simulatePlot(losses.map((val_loss, i) => ({ step: 100 * (i + 1), metrics: { val_loss } })));
    expect(textsOf(svg!, 'event_label_marks')).toEqual(['drop ×0.1 (plateau)', 'drop ×0.1 (plateau)']);
    // At steps 500 and 900 on a 600 px axis from 100 to 900: x = (step − 100) / 800 · 600.
    const positions = marksOf(svg!, 'rule mark').map((n) => n.attrs.transform);
    expect(positions).toEqual(['translate(300,0)', 'translate(600,0)', 'translate(300,0)', 'translate(600,0)']);
  });

  it('puts epochs on the x axis when the log has epochs and no steps', async () => {
    const { svg } = await simulatePlot(losses.map((val_loss, epoch) => ({ epoch, metrics: { val_loss } })));
    expect(textsOf(svg!, 'role-axis-title')).toContain('epoch');
    expect(axisLabels(svg!).find((l) => l.startsWith("X-axis titled 'epoch'"))).toMatch(/values from 0 to 8/);
  });

  it('refuses --plot - (standard output carries the JSON lines) with exit 2', async () => {
    const result = await runCli(['simulate', tempFile(monitor), '--metrics', tempFile(jsonl([{ metrics: { val_loss: 1 } }])), '--plot', '-']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--plot needs a file/);
  });
});
