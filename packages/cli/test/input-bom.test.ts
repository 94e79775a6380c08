import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './run-cli.js';

// A UTF-8 byte-order mark, as Notepad and PowerShell's Out-File write at the start of a file.
const bom = '\uFEFF';
const config = JSON.stringify({ kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 });

describe('a JSON config that starts with a UTF-8 byte-order mark', () => {
  it('is read by eval, validate and simulate as if the mark were absent', async () => {
    const file = tempFile(bom + config, 'bom-config.json');
    const evaluated = await runCli(['eval', file, '--steps', '0,100']);
    expect(evaluated.stderr).toBe('');
    // Reference: TensorFlow learning_rate_decay.py, 0.1 · 0.5^(t/100).
    expect(JSON.parse(evaluated.stdout)).toEqual({ steps: [0, 100], lr: [0.1, 0.05] });
    expect(await runCli(['validate', file])).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    const monitor = tempFile(`${bom}{"initialLearningRate":0.1,"metric":"loss"}`, 'bom-monitor.json');
    const simulated = await runCli(['simulate', monitor, '--metrics', tempFile('{"metrics":{"loss":1}}\n', 'bom-run.jsonl')]);
    expect(simulated.code).toBe(0);
  });

  it('is read from standard input too', async () => {
    const { code, stdout } = await runCli(['eval', '-', '--steps', '200'], { stdin: bom + config });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ steps: [200], lr: [0.025] });
  });

  it('is the only mark dropped: one inside the JSON, or two at the start, is still invalid JSON (exit 1)', async () => {
    const twice = await runCli(['validate', tempFile(bom + bom + config, 'bom-twice.json')]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/must be valid JSON/);
    const inside = await runCli(['validate', tempFile(`{${bom}"kind":"constantLR"}`, 'bom-inside.json')]);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/must be valid JSON/);
  });
});
