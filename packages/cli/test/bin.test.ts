import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFile } from './run-cli.js';

// The real executable, through tsx so no build is needed; from the repository root,
// whose tsconfig maps @anneal/core to its sources.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const anneal = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/cli.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });

describe('the anneal executable', () => {
  const config = { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 };

  it('prints the schedule and exits 0', () => {
    const result = anneal(['eval', tempFile(config), '--steps', '0:300:100', '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Reference: TensorFlow learning_rate_decay.py, 0.1 · 0.5^(t/100).
    expect(result.stdout).toBe('step,lr\n0,0.1\n100,0.05\n200,0.025\n');
  });

  it('reads the config from a pipe with -', () => {
    const result = anneal(['eval', '-', '--steps', '200'], JSON.stringify(config));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ steps: [200], lr: [0.025] });
  });

  it('sets the process exit status: 1 for invalid input, 2 for wrong usage', () => {
    const invalid = anneal(['validate', tempFile({ ...config, decayRate: -1 })]);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/^decayRate: /);
    expect(anneal(['nonsense']).status).toBe(2);
  });
});
