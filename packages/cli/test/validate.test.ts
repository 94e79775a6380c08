import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './run-cli.js';

describe('anneal validate', () => {
  it('prints ok and exits 0 for a valid config', async () => {
    const config = { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 };
    const { code, stdout, stderr } = await runCli(['validate', tempFile(config)]);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  it('prints every problem on its own line with its path and exits 1', async () => {
    const config = { kind: 'exponentialDecay', initialLearningRate: -1, decaySteps: 0, decayRate: 0.5 };
    const { code, stdout, stderr } = await runCli(['validate', tempFile(config)]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^initialLearningRate: .*>= 0.* \(got -1\)$/),
      expect.stringMatching(/^decaySteps: must be > 0 \(got 0\)$/),
    ]);
  });

  it('gives the full path of a problem inside a nested config', async () => {
    const config = {
      kind: 'sequence',
      boundaries: [100],
      schedules: [
        { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 },
        { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: -3, decayRate: 0.5 },
      ],
    };
    const { code, stderr } = await runCli(['validate', tempFile(config)]);
    expect(code).toBe(1);
    expect(stderr).toBe('schedules[1].decaySteps: must be > 0 (got -3)\n');
  });

  it('names the root when the config is not an object', async () => {
    const { code, stderr } = await runCli(['validate', tempFile('42')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\(root\): .*object.* \(got 42\)\n$/);
  });

  it('reads standard input when the path is -', async () => {
    const { code, stdout } = await runCli(['validate', '-'], { stdin: '{"kind":"shift","steps":5,"schedule":{"kind":"exponentialDecay","initialLearningRate":1,"decaySteps":1,"decayRate":0.5}}' });
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'ok\n' });
  });

  it('exits 1 on a file that is not JSON, and 2 without a file argument', async () => {
    expect((await runCli(['validate', tempFile('not json')])).code).toBe(1);
    const usage = await runCli(['validate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing argument <config>/);
  });
});
