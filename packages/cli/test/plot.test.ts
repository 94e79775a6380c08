import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { axisLabels, marksOf, parseSvg, textsOf } from './plot-svg.js';
import { runCli, tempDir, tempFile } from './run-cli.js';

// Reference: TensorFlow learning_rate_decay.py exponential_decay / Keras ExponentialDecay:
//   decayed = initial_learning_rate * decay_rate ^ (step / decay_steps), floor(step / decay_steps) if staircase
const tfExponential = (t: number, staircase = false) => 0.1 * 0.5 ** (staircase ? Math.floor(t / 100) : t / 100);
const exponential = { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 };

let outputs = 0;
const out = (ext = 'svg') => join(tempDir, `chart-${++outputs}.${ext}`);

interface Row {
  step: number;
  lr: number;
  schedule: string;
}
const rowsOf = (specPath: string) => (JSON.parse(readFileSync(specPath, 'utf8')) as { data: { values: Row[] } }).data.values;

describe('anneal plot', () => {
  it('draws one line per schedule, a legend naming them (file base name, then map keys), the title and both axis titles', async () => {
    const single = tempFile(exponential, 'tf-exponential.json');
    const map = tempFile({ staircase: { ...exponential, staircase: true }, slow: { ...exponential, decayRate: 0.9 } });
    const chart = out();
    const result = await runCli(['plot', single, map, '--steps', '0:500', '-o', chart, '--title', 'Decay & friends']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const svg = parseSvg(readFileSync(chart, 'utf8'));
    expect(textsOf(svg, 'role-legend-label')).toEqual(['tf-exponential', 'staircase', 'slow']);
    expect(marksOf(svg, 'line mark')).toHaveLength(3);
    expect(textsOf(svg, 'role-axis-title')).toEqual(['step', 'learning rate']);
    expect(textsOf(svg, 'role-legend-title')).toEqual(['schedule']);
    expect(textsOf(svg, 'role-title-text')).toEqual(['Decay & friends']);
  });

  it('writes the Vega-Lite spec with --spec: it compiles, and its data are the TensorFlow formula at every step', async () => {
    const specPath = out('vl.json');
    const map = tempFile({ continuous: exponential, staircase: { ...exponential, staircase: true } });
    const result = await runCli(['plot', map, '--steps', '0:400', '-o', out(), '--spec', specPath]);
    expect(result.code).toBe(0);
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(() => compile(spec)).not.toThrow();
    const rows = rowsOf(specPath);
    expect(rows).toHaveLength(800);
    for (const { step, lr, schedule } of rows) {
      expect(lr).toBeCloseTo(tfExponential(step, schedule === 'staircase'), 15);
    }
  });

  it('sends the SVG to standard output with -o -', async () => {
    const result = await runCli(['plot', tempFile(exponential), '--steps', '0:10', '-o', '-']);
    expect(result.code).toBe(0);
    expect(marksOf(parseSvg(result.stdout), 'line mark')).toHaveLength(1);
  });

  it('draws a log learning-rate axis with --log-y', async () => {
    const chart = out();
    const result = await runCli(['plot', tempFile(exponential), '--steps', '0:2000', '--log-y', '-o', chart]);
    expect(result.code).toBe(0);
    const y = axisLabels(parseSvg(readFileSync(chart, 'utf8'))).find((label) => label.startsWith('Y-axis'));
    expect(y).toMatch(/^Y-axis titled 'learning rate' for a log scale/);
  });

  it('reduces a million steps to at most 4000 points per line, keeping every staircase level and the exact first step after each jump', async () => {
    const specPath = out('vl.json');
    // 99 991 puts the jumps off any round stride, so only keeping each column's extremes finds them.
    const config = { ...exponential, decaySteps: 99_991, staircase: true };
    const result = await runCli(['plot', tempFile(config), '--steps', '0:1000000', '-o', out(), '--spec', specPath]);
    expect(result.code).toBe(0);
    const rows = rowsOf(specPath);
    expect(rows.length).toBeLessThanOrEqual(4000);
    expect(rows[0]).toMatchObject({ step: 0, lr: 0.1 });
    expect(rows.at(-1)).toMatchObject({ step: 999_999, lr: 0.1 * 0.5 ** Math.floor(999_999 / 99_991) });
    const column = 999_999 / 1000;
    for (let k = 1; k <= 10; k++) {
      const boundary = k * 99_991;
      const before = rows.filter((row) => row.step < boundary).at(-1) as Row;
      const after = rows.find((row) => row.step >= boundary) as Row;
      expect(before.lr).toBe(0.1 * 0.5 ** (k - 1));
      expect(after).toMatchObject({ step: boundary, lr: 0.1 * 0.5 ** k });
      expect(after.step - before.step).toBeLessThanOrEqual(column);
    }
  });
});

describe('anneal plot: bad input', () => {
  it('exits 1 naming the file and the field for an invalid single config', async () => {
    const path = tempFile({ ...exponential, decaySteps: 0 });
    const result = await runCli(['plot', path, '--steps', '0:10', '-o', out()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(path);
    expect(result.stderr).toMatch(/decaySteps: must be > 0 \(got 0\)/);
  });

  it('prefixes the field path with the map key for an invalid config in a map', async () => {
    const result = await runCli(['plot', tempFile({ ok: exponential, warm: { ...exponential, decayRate: -1 } }), '--steps', '0:10', '-o', out()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warm\.decayRate: must be a finite number >= 0 \(got -1\)/);
  });

  it('exits 1 for a file that is neither a schedule nor a map of schedules', async () => {
    for (const content of [[exponential], {}, 3]) {
      const result = await runCli(['plot', tempFile(content), '--steps', '0:10', '-o', out()]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/must be a schedule config \(an object with a string "kind"\) or a non-empty map/);
    }
  });

  it('exits 1 for an unknown kind, naming kind', async () => {
    const result = await runCli(['plot', tempFile({ kind: 'noSuchDecay' }), '--steps', '0:10', '-o', out()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/kind: /);
  });

  it('exits 2 for an empty range, saying that stop is exclusive', async () => {
    const result = await runCli(['plot', tempFile(exponential), '--steps', '5:5', '-o', out()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--steps "5:5" holds no step \(stop is exclusive/);
  });

  it('--log-y leaves out the points where a schedule is 0, and says so in a note on the chart', async () => {
    const path = tempFile({ kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 10, decayRate: 0, staircase: true }, 'to-zero.json');
    const chart = out();
    const specPath = out('vl.json');
    const result = await runCli(['plot', path, '--steps', '0:100', '--log-y', '-o', chart, '--spec', specPath]);
    expect(result.code).toBe(0);
    // Reference: 0.1 · 0^floor(t/10) is 0.1 for steps 0–9 and 0 from step 10 on: 90 points left out.
    expect(rowsOf(specPath).map((row) => row.step)).toEqual(Array.from({ length: 10 }, (_, t) => t));
    expect(readFileSync(chart, 'utf8')).toContain('>log axis: points at rate 0 left out ("to-zero" 90 from step 10)</text>');
  });

  it('--log-y with no rate above 0 draws a linear axis and says so, instead of an empty log axis from NaN to NaN', async () => {
    const path = tempFile({ kind: 'constant', initialLearningRate: 0 }, 'zero.json');
    const chart = out();
    const specPath = out('vl.json');
    const result = await runCli(['plot', path, '--steps', '0:100', '--log-y', '-o', chart, '--spec', specPath]);
    expect(result.code).toBe(0);
    expect(rowsOf(specPath)).toHaveLength(100);
    const svg = readFileSync(chart, 'utf8');
    expect(svg).toContain('>no rate above 0, so a linear axis instead of a log one</text>');
    expect(svg).toContain('for a linear scale with values from 0 to 0');
    expect(svg).not.toContain('NaN');
  });

  it('exits 2 when two schedules would share a legend name', async () => {
    const result = await runCli(['plot', tempFile({ a: exponential }), tempFile({ a: exponential }), '--steps', '0:10', '-o', out()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/two schedules are named "a"/);
  });

  it('exits 2 without --steps or -o, and 1 when the output cannot be written', async () => {
    expect((await runCli(['plot', tempFile(exponential), '-o', out()])).stderr).toMatch(/missing option --steps/);
    expect((await runCli(['plot', tempFile(exponential), '--steps', '0:10'])).code).toBe(2);
    const unwritable = await runCli(['plot', tempFile(exponential), '--steps', '0:10', '-o', join(tempDir, 'no', 'such', 'dir.svg')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/Invalid --output ".*dir\.svg": file: cannot be written, no such file or folder \(got "ENOENT"\)/);
  });
});
