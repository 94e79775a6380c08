import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './run-cli.js';

// The `slope` rule (@anneal/monitor/slope) is in the CLI's registry without --rules.
// A series whose decisions can be checked by hand, window 3 (one degree of freedom):
// - 3, 2, 1 lie on a line falling by 1: SE(b) = 0 and the slope points down, so the
//   metric is improving (p = 0) and nothing drops.
// - 2, 1, 1 (the 4th observation): b = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = −1/2, residuals 1/6, −1/3,
//   1/6, SSR = 1/6, SE(b) = sqrt(SSR/(n−2)/Σ(x−x̄)²) = sqrt(1/12), t = −√3. Student's t
//   with 1 degree of freedom is the Cauchy distribution, CDF(t) = 1/2 + atan(t)/π, so
//   p = 1/2 − (π/3)/π = 1/6 ≈ 0.167: above 0.05 (drop), below 0.2 (no drop).
// - 1, 1, 1 (the 5th, when the window was not emptied): a flat line, SE 0, slope 0: not
//   improving, drop.
const series = [3, 2, 1, 1, 1];

const config = (significance: number) => ({
  initialLearningRate: 0.1,
  metric: 'loss',
  rules: [{ kind: 'slope', window: 3, significance, factor: 0.5 }],
});

async function simulate(significance: number) {
  const log = series.map((loss, i) => JSON.stringify({ step: i + 1, metrics: { loss } })).join('\n');
  const result = await runCli(['simulate', tempFile(config(significance)), '--metrics', tempFile(log, `slope-${significance}.jsonl`)]);
  const records = result.stdout
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { lr: number; events: { type: string; rule?: string }[] });
  return { ...result, records };
}

describe('anneal and the slope rule', () => {
  it('simulate: p = 1/6 at the 4th observation is above significance 0.05, so the rate halves there', async () => {
    const { code, stderr, records } = await simulate(0.05);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(records.map((r) => r.lr)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05]);
    expect(records[3]?.events).toEqual([expect.objectContaining({ type: 'drop', rule: 'slope', from: 0.1, to: 0.05 })]);
    // After a drop the window starts again: one value at the 5th observation, no test.
    expect(records[4]?.events).toEqual([]);
  });

  it('simulate: with significance 0.2 the 4th observation (p = 1/6) passes and the flat 1, 1, 1 drops at the 5th', async () => {
    const { code, records } = await simulate(0.2);
    expect(code).toBe(0);
    expect(records.map((r) => r.lr)).toEqual([0.1, 0.1, 0.1, 0.1, 0.05]);
    expect(records[4]?.events).toEqual([expect.objectContaining({ type: 'drop', rule: 'slope' })]);
  });

  it('validate: accepts a slope rule and names a bad option of one', async () => {
    const good = await runCli(['validate', tempFile(config(0.05))]);
    expect(good).toEqual({ code: 0, stdout: 'ok (monitor config)\n', stderr: '' });
    const bad = await runCli(['validate', tempFile({ ...config(0.05), rules: [{ kind: 'slope', window: 2 }] })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^rules\[0\]\.window: must be >= 3 .*\(got 2\)\n$/);
  });

  it('schema --monitor: lists slope among the rule kinds', async () => {
    const { code, stdout } = await runCli(['schema', '--monitor']);
    expect(code).toBe(0);
    expect(stdout).toContain('"const": "slope"');
  });

  it('a --rules module that re-exports the same slope rule is not a second registration', async () => {
    const module = tempFile("export { slope } from '@anneal/monitor/slope';\n", 'reexport-slope.mjs');
    const { code, stderr } = await runCli(['validate', '--monitor', '--rules', module, tempFile(config(0.05))]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
