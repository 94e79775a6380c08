import { describe, expect, it } from 'vitest';
import { runCli, tempDir, tempFile } from './run-cli.js';

// Reference: TensorFlow learning_rate_decay.py / Keras ExponentialDecay:
//   decayed = initial_learning_rate * decay_rate ^ (step / decay_steps)
const tf = (t: number) => 0.1 * Math.pow(0.5, t / 100);
const config = { kind: 'exponentialDecay', initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 };

describe('anneal eval', () => {
  it('prints {"steps","lr"} JSON for a start:stop:stride range, stop exclusive, matching the TensorFlow formula', async () => {
    const { code, stdout, stderr } = await runCli(['eval', tempFile(config), '--steps', '0:500:100']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { steps: number[]; lr: number[] };
    expect(Object.keys(out)).toEqual(['steps', 'lr']);
    expect(out.steps).toEqual([0, 100, 200, 300, 400]);
    out.lr.forEach((lr, i) => expect(lr).toBeCloseTo(tf(out.steps[i] as number), 15));
  });

  it('takes a comma list of steps, exponents and fractions included, in the order given', async () => {
    const { code, stdout } = await runCli(['eval', tempFile(config), '--steps', '1e3,0,50.5']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { steps: number[]; lr: number[] };
    expect(out.steps).toEqual([1000, 0, 50.5]);
    expect(out.lr).toEqual([tf(1000), tf(0), tf(50.5)].map((x) => expect.closeTo(x, 15)));
  });

  it('takes a fractional stride', async () => {
    const { stdout } = await runCli(['eval', tempFile(config), '--steps', '0:1:0.25']);
    expect((JSON.parse(stdout) as { steps: number[] }).steps).toEqual([0, 0.25, 0.5, 0.75]);
  });

  it('defaults the stride to 1', async () => {
    const { stdout } = await runCli(['eval', tempFile(config), '--steps', '3:6']);
    expect((JSON.parse(stdout) as { steps: number[] }).steps).toEqual([3, 4, 5]);
  });

  it('prints a step,lr header then one line per step with --format csv', async () => {
    const { code, stdout } = await runCli(['eval', tempFile(config), '--steps', '0:300:100', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('step,lr');
    expect(lines.slice(1).map((line) => line.split(',').map(Number))).toEqual([
      [0, expect.closeTo(tf(0), 15)],
      [100, expect.closeTo(tf(100), 15)],
      [200, expect.closeTo(tf(200), 15)],
    ]);
  });

  it('writes every value of a range longer than one output chunk (200 000 steps)', async () => {
    const { stdout } = await runCli(['eval', tempFile(config), '--steps', '0:200000']);
    const out = JSON.parse(stdout) as { steps: number[]; lr: number[] };
    expect(out.steps).toHaveLength(200_000);
    expect(out.lr).toHaveLength(200_000);
    expect(out.steps[131_072]).toBe(131_072); // the first value of the third chunk
    expect(out.lr[199_999]).toBeCloseTo(tf(199_999), 15);
  });

  it('reads the config from standard input when the path is -', async () => {
    const { code, stdout } = await runCli(['eval', '-', '--steps', '100'], { stdin: JSON.stringify(config) });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ steps: [100], lr: [expect.closeTo(0.05, 15)] });
  });

  it('evaluates nested combinator configs', async () => {
    const warm = { kind: 'warmup', warmupSteps: 10, startLearningRate: 0, schedule: config };
    const { stdout } = await runCli(['eval', tempFile(warm), '--steps', '5,10,110']);
    // warmup (linear): 0 + (s(0) − 0)·t/10 before step 10, then s(t − 10).
    expect((JSON.parse(stdout) as { lr: number[] }).lr).toEqual([0.05, tf(0), tf(100)].map((x) => expect.closeTo(x, 15)));
  });

  describe('exit 1 on invalid input, the field named on stderr', () => {
    it('an invalid option', async () => {
      const { code, stdout, stderr } = await runCli(['eval', tempFile({ ...config, decaySteps: 0 }), '--steps', '0:3']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/decaySteps: must be > 0 \(got 0\)/);
    });

    it('an unknown kind', async () => {
      const { code, stderr } = await runCli(['eval', tempFile({ kind: 'noSuchSchedule' }), '--steps', '0']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/kind: .*\(got "noSuchSchedule"\)/);
    });

    it('a file that does not exist', async () => {
      const { code, stderr } = await runCli(['eval', `${tempDir}/missing.json`, '--steps', '0']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/Invalid JSON file ".*missing\.json": file: cannot be read, no such file or folder \(got "ENOENT"\)/);
    });

    it('a file that is not JSON', async () => {
      const { code, stderr } = await runCli(['eval', tempFile('{"kind": '), '--steps', '0']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/config-\d+\.json": \(text\): must be valid JSON: .* \(got "\{\\"kind\\": "\)/);
    });
  });

  describe('exit 2 on wrong usage', () => {
    it.each([
      ['a missing config argument', ['eval', '--steps', '0:3'], /missing argument <config>/],
      ['a missing --steps', ['eval', 'x.json'], /missing option --steps/],
      ['a non-numeric range bound', ['eval', 'x.json', '--steps', '0:ten'], /--steps "0:ten": "ten" is not a finite decimal number/],
      ['an empty list entry', ['eval', 'x.json', '--steps', '1,,2'], /--steps "1,,2": "" is not a finite decimal number/],
      // Number() would read these as 16, 1 and 8.
      ['a hexadecimal step', ['eval', 'x.json', '--steps', '0x10'], /--steps "0x10": "0x10" is not a finite decimal number/],
      ['a binary range bound', ['eval', 'x.json', '--steps', '0:0b1'], /--steps "0:0b1": "0b1" is not a finite decimal number/],
      ['an octal stride', ['eval', 'x.json', '--steps', '0:100:0o10'], /--steps "0:100:0o10": "0o10" is not a finite decimal number/],
      ['an infinite stop', ['eval', 'x.json', '--steps', '0:inf'], /--steps "0:inf": "inf" is not a finite decimal number/],
      ['a range with four parts', ['eval', 'x.json', '--steps', '0:1:2:3'], /a range is start:stop\[:stride\]/],
      ['a negative start', ['eval', 'x.json', '--steps=-5:3'], /--steps "-5:3": start must be a finite number >= 0/],
      ['a zero stride', ['eval', 'x.json', '--steps', '0:10:0'], /--steps "0:10:0": stride must be > 0/],
      ['a negative listed step', ['eval', 'x.json', '--steps=1,-2'], /--steps "1,-2": \[1\] must be a finite number >= 0/],
      // Node's parseArgs alone calls a value starting with "-" ambiguous; a number is meant.
      ['a negative first step, as its own argument', ['eval', 'x.json', '--steps', '-5,0,10'], /--steps "-5,0,10": \[0\] must be a finite number >= 0/],
      ['a negative start, as its own argument', ['eval', 'x.json', '--steps', '-5:3'], /--steps "-5:3": start must be a finite number >= 0/],
      ['a negative fraction', ['eval', 'x.json', '--steps', '-.5'], /--steps "-.5": \[0\] must be a finite number >= 0/],
      ['too many steps', ['eval', 'x.json', '--steps', '0:1e12'], /holds 1000000000000 steps, more than 100000000/],
      ['an unknown format', ['eval', 'x.json', '--steps', '0', '--format', 'xml'], /--format must be json or csv \(got "xml"\)/],
      ['an unknown option', ['eval', 'x.json', '--steps', '0', '--bogus'], /Unknown option '--bogus'/],
      ['an extra argument', ['eval', 'x.json', 'y.json', '--steps', '0'], /unexpected argument "y.json"/],
    ])('%s', async (_name, argv, message) => {
      // x.json does not exist: usage is checked before any file is read.
      const { code, stdout, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/Run "anneal eval --help" for usage/);
    });
  });

  it('prints its usage and exits 0 with --help', async () => {
    const { code, stdout } = await runCli(['eval', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: anneal eval <config.json> --steps <spec>/);
  });
});

describe('anneal eval under hostile input (issue 9)', () => {
  it('refuses a config nested 10 000 deep with one line, no RangeError', async () => {
    const config = `${'{"kind":"clamp","schedule":'.repeat(10_000)}{"kind":"constant","initialLearningRate":0.1}${'}'.repeat(10_000)}`;
    const { code, stderr } = await runCli(['eval', tempFile(config), '--steps', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/must not nest more than 100 levels deep/);
    expect(stderr).not.toMatch(/RangeError|    at /);
  });

  it('names the file a bad config came from', async () => {
    const path = tempFile({ kind: 'constant', initialLearningRate: -1 });
    const { stderr } = await runCli(['eval', path, '--steps', '0']);
    expect(stderr).toContain(`Invalid schedule config in "${path}": initialLearningRate:`);
  });
});
