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

describe('anneal validate knows monitor configs from schedule configs', () => {
  const monitor = { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 3 }] };

  it('validates a monitor config as one (it names its metric, not a kind)', async () => {
    expect(await runCli(['validate', tempFile(monitor)])).toEqual({ code: 0, stdout: 'ok (monitor config)\n', stderr: '' });
    const bad = await runCli(['validate', tempFile({ ...monitor, rules: [{ kind: 'plateau', patiense: 3 }] })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('rules[0].patiense: is not a known option; did you mean "patience"? (got 3)\n');
  });

  it('--schedule and --monitor force either reading', async () => {
    const asSchedule = await runCli(['validate', '--schedule', tempFile(monitor)]);
    expect(asSchedule.code).toBe(1);
    expect(asSchedule.stderr).toMatch(/^kind: is required/);
    const asMonitor = await runCli(['validate', '--monitor', tempFile({ kind: 'constant', initialLearningRate: 0.1 })]);
    expect(asMonitor.code).toBe(1);
    expect(asMonitor.stderr).toMatch(/^kind: is not a known option/m);
    expect((await runCli(['validate', '--schedule', '--monitor', tempFile(monitor)])).code).toBe(2);
  });

  it('caps a long list of problems', async () => {
    const config = { kind: 'piecewiseConstant', boundaries: [1], values: Array.from({ length: 5000 }, () => -1) };
    const { code, stderr } = await runCli(['validate', tempFile(config)]);
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines.at(-1)).toMatch(/^and \d+ more$/);
  });

  it('quotes a 1 MB unknown key by its ends, as eval does, not whole', async () => {
    const key = 'k'.repeat(1_000_000);
    const { code, stderr } = await runCli(['validate', tempFile({ kind: 'constant', initialLearningRate: 0.1, [key]: 1 })]);
    expect(code).toBe(1);
    // The run cut is the key and its colon: 60 characters, …, the last 60 (59 k and the colon).
    expect(stderr).toMatch(/^k{60}…k{59}: is not a known option \(misspelt\?\) \(got 1\)\n$/);
  });

  it('refuses a config nested 10 000 deep in one line, no stack trace', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const { code, stderr } = await runCli(['validate', tempFile(deep)]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^\(root\)|must not nest more than 100 levels deep/);
    expect(stderr).not.toMatch(/RangeError|    at /);
  });

  it('accepts a UTF-8 byte-order mark at the start of the file', async () => {
    const text = `\uFEFF${JSON.stringify({ kind: 'constant', initialLearningRate: 0.1 })}`;
    expect((await runCli(['validate', tempFile(text)])).stdout).toBe('ok\n');
  });
});

describe('readJsonFile', () => {
  it('reports an unreadable file with code IO, keeping the file system error as its cause', async () => {
    const { AnnealError } = await import('@anneal/core');
    const { readJsonFile } = await import('@anneal/cli');
    const { readFile } = await import('node:fs/promises');
    const sink = { write: () => true };
    const processIo = { stdout: sink, stderr: sink, readFile: (path: string) => readFile(path, 'utf8') };
    const error = await readJsonFile(`${tempFile('{}')}.missing`, processIo).catch((e: unknown) => e);
    expect(AnnealError.is(error)).toBe(true);
    expect((error as InstanceType<typeof AnnealError>).code).toBe('IO');
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    const bad = await readJsonFile(tempFile('not json'), processIo).catch((e: unknown) => e);
    expect((bad as InstanceType<typeof AnnealError>).code).toBe('INVALID_CONFIG');
    expect((bad as Error).cause).toBeInstanceOf(SyntaxError);
  });
});
