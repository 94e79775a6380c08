import { describe, expect, it } from 'vitest';
import { detectMetricsLogFormat, parseMetricsLog, parseNumberText } from '../src/metrics-log.js';
import { runCli, tempFile } from './run-cli.js';

// torch.optim.lr_scheduler.ReduceLROnPlateau(mode="min", factor=0.1, patience=2,
// threshold=1e-4, threshold_mode="rel"): an epoch is bad unless a < best·(1 − 1e-4);
// the rate is reduced when num_bad_epochs > patience, i.e. on the 3rd bad epoch in a row.
const monitor = {
  initialLearningRate: 0.1,
  metric: 'val_loss',
  rules: [{ kind: 'plateau', patience: 2, factor: 0.1, compat: 'torch' }],
};
const losses = [1, 0.9, 0.95, 0.95, 0.95, 0.8];
// Epochs 3–5 are bad (0.95 ≥ 0.9·(1 − 1e-4)); the 5th observation is the 3rd bad one.
// torch's _reduce_lr: new_lr = old_lr · factor, computed in float64 like here.
const dropped = 0.1 * 0.1;
const expectedLr = [0.1, 0.1, 0.1, 0.1, dropped, dropped];

const jsonl = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');
const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function simulate(log: string, name: string, extra: string[] = [], config: unknown = monitor) {
  return runCli(['simulate', tempFile(config), '--metrics', tempFile(log, name), ...extra]);
}

describe('anneal simulate', () => {
  it('prints one JSON line per observation with the rate after it, and names the rule of a drop (torch plateau reference)', async () => {
    const log = jsonl(losses.map((val_loss, i) => ({ step: 100 * (i + 1), epoch: i, metrics: { val_loss, acc: 0.5 } })));
    const { code, stdout, stderr } = await simulate(log, 'run-a.jsonl');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const records = lines(stdout);
    expect(records.map((r) => r.lr)).toEqual(expectedLr);
    expect(records[0]).toEqual({ index: 0, step: 100, epoch: 0, value: 1, lr: 0.1, events: [] });
    const drop = (records[4]?.events as Array<Record<string, unknown>>)[0];
    expect(Object.keys(drop ?? {})).toEqual(['type', 'rule', 'from', 'to', 'reason']);
    expect(drop).toMatchObject({ type: 'drop', rule: 'plateau', from: 0.1 });
    expect(drop?.to).toBe(dropped);
    expect(drop?.reason).toEqual(expect.any(String));
    expect(records.filter((r) => (r.events as unknown[]).length > 0)).toHaveLength(1);
  });

  it('prints exactly the documented line format', async () => {
    const { stdout } = await simulate(jsonl([{ step: 3, metrics: { val_loss: 0.5 } }]), 'one.jsonl');
    expect(stdout).toBe('{"index":0,"step":3,"epoch":null,"value":0.5,"lr":0.1,"events":[]}\n');
  });

  it('reads a CSV log with a header (Keras CSVLogger style) to the same trace as the JSONL log', async () => {
    const csv = ['epoch,loss,val_loss', ...losses.map((v, i) => `${i},0.3,${v}`)].join('\r\n');
    const asJsonl = jsonl(losses.map((val_loss, i) => ({ epoch: i, metrics: { loss: 0.3, val_loss } })));
    const fromCsv = await simulate(csv, 'log.csv');
    const fromJsonl = await simulate(asJsonl, 'log.jsonl');
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toBe(fromJsonl.stdout);
    // Without a step column the monitor counts observations: 1, 2, 3, ...
    expect(lines(fromCsv.stdout).map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines(fromCsv.stdout).map((r) => r.lr)).toEqual(expectedLr);
  });

  it('accepts non-finite metrics as "NaN"/"Infinity" strings, Python bare tokens, and CSV nan/inf, printing them as strings', async () => {
    const log = [
      '{"metrics": {"val_loss": 1}}',
      '{"metrics": {"val_loss": "NaN"}}',
      '{"metrics": {"val_loss": NaN}, "note": "NaN in a string stays"}',
      '{"metrics": {"val_loss": -Infinity}}',
    ].join('\n');
    const { code, stdout, stderr } = await simulate(log, 'python.jsonl');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const records = lines(stdout);
    expect(records.map((r) => r.value)).toEqual([1, 'NaN', 'NaN', '-Infinity']);
    expect(records[1]?.events).toEqual([{ type: 'nan', metric: 'val_loss', value: 'NaN' }]);

    const csv = await simulate('step,val_loss\n1,1\n2,nan\n3,inf\n4,-Infinity\n', 'nonfinite.csv');
    expect(lines(csv.stdout).map((r) => r.value)).toEqual([1, 'NaN', 'Infinity', '-Infinity']);
  });

  it('lists improve and badEvaluation events only with --all-events', async () => {
    const log = jsonl([{ metrics: { val_loss: 1 } }, { metrics: { val_loss: 2 } }]);
    const quiet = lines((await simulate(log, 'q.jsonl')).stdout);
    const loud = lines((await simulate(log, 'l.jsonl', ['--all-events'])).stdout);
    expect(quiet.map((r) => r.events)).toEqual([[], []]);
    expect(loud.map((r) => r.events)).toEqual([
      [{ type: 'improve', value: 1, previous: null }],
      [{ type: 'badEvaluation', value: 2, best: 1, count: 1 }],
    ]);
  });

  it('detects the format by content when the extension says nothing, and obeys --format', async () => {
    const csvText = 'step,val_loss\n1,0.5\n';
    const jsonText = '{"step":1,"metrics":{"val_loss":0.5}}\n';
    expect((await simulate(csvText, 'metrics-1.log')).code).toBe(0);
    expect((await simulate(jsonText, 'metrics-2.log')).code).toBe(0);
    const forced = await simulate(csvText, 'metrics-3.jsonl', ['--format', 'csv']);
    expect(forced.code).toBe(0);
    expect(lines(forced.stdout)[0]).toMatchObject({ step: 1, value: 0.5 });
  });

  it('reads the metrics log from standard input with --metrics -', async () => {
    const { code, stdout } = await runCli(['simulate', tempFile(monitor), '--metrics', '-'], {
      stdin: 'val_loss\n0.5\n0.4\n',
    });
    expect(code).toBe(0);
    expect(lines(stdout).map((r) => r.value)).toEqual([0.5, 0.4]);
  });

  it('prints value null and a skip event for a missing metric under onMissing "skip"', async () => {
    const { code, stdout } = await simulate('step,val_loss,acc\n1,0.5,0.1\n2,,0.2\n', 'gap.csv', [], {
      ...monitor,
      onMissing: 'skip',
    });
    expect(code).toBe(0);
    expect(lines(stdout)[1]).toMatchObject({ value: null, events: [{ type: 'skip', rule: 'monitor' }] });
  });

  it('prints value null for a missing metric named like an Object.prototype member, not the prototype’s', async () => {
    for (const metric of ['constructor', 'toString']) {
      const { code, stdout } = await simulate('step,loss\n1,0.5\n', 'proto.csv', [], { ...monitor, metric, onMissing: 'skip' });
      expect(code).toBe(0);
      expect(lines(stdout)[0]).toMatchObject({ value: null, events: [{ type: 'skip', rule: 'monitor' }] });
    }
  });
});

describe('anneal simulate: exit 1 on invalid input, naming the line and the field', () => {
  it('a metric value that is not a number', async () => {
    const log = jsonl([{ metrics: { val_loss: 1 } }, {}, { metrics: { val_loss: 'high' } }]);
    const { code, stdout, stderr } = await simulate(log, 'bad-value.jsonl');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/line 2: metrics: must be an object/);
    expect(stderr).toMatch(/line 3: metrics\.val_loss: must be a number, null \(NaN\) or one of the strings "NaN", "Infinity", "-Infinity" \(got "high"\)/);
  });

  it('a line that is not JSON, and a step of the wrong type', async () => {
    const log = ['{"metrics":{"val_loss":1}}', '{"metrics":', '{"step":"ten","metrics":{"val_loss":1}}'].join('\n');
    const { code, stderr } = await simulate(log, 'bad-json.jsonl');
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 2: not valid JSON/);
    expect(stderr).toMatch(/line 3: step: /);
  });

  it('a CSV row of the wrong width or with a bad cell, and a bad header', async () => {
    const { code, stderr } = await simulate('step,val_loss\n1,0.5\n2\n3,abc\n-4,0.1\n', 'bad.csv');
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 3: has 1 cells, the header has 2/);
    expect(stderr).toMatch(/line 4: val_loss: must be a number, NaN, Infinity or -Infinity \(got "abc"\)/);
    expect(stderr).toMatch(/line 5: step: must be a finite number >= 0 \(got -4\)/);
    const header = await simulate('step,val_loss,val_loss\n1,1,1\n', 'twice.csv');
    expect(header.stderr).toMatch(/line 1: val_loss: header: column named twice/);
  });

  it('a step that goes backwards, after printing the observations before it', async () => {
    const log = jsonl([10, 20, 15].map((step) => ({ step, metrics: { val_loss: 1 } })));
    const { code, stdout, stderr } = await simulate(log, 'backwards.jsonl');
    expect(code).toBe(1);
    expect(lines(stdout).map((r) => r.step)).toEqual([10, 20]);
    expect(stderr).toMatch(/line 3: step: must not go backwards \(the last observation was at step 20\) \(got 15\)/);
  });

  it('a missing monitored metric under onMissing "error"', async () => {
    const { code, stderr } = await simulate(jsonl([{ metrics: { loss: 1 } }]), 'missing.jsonl');
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 1: metrics\.val_loss: the monitored metric is missing \(the observation has keys \["loss"\]\); set onMissing: "skip" to ignore such observations \(got nothing\)/);
  });

  it('an invalid monitor config', async () => {
    const config = { ...monitor, rules: [{ kind: 'plateau', patience: -1 }] };
    const { code, stderr } = await simulate(jsonl([{ metrics: { val_loss: 1 } }]), 'ok.jsonl', [], config);
    expect(code).toBe(1);
    expect(stderr).toMatch(/rules\[0\]\.patience/);
  });

  it('a metrics log that cannot be read, or holds no observation', async () => {
    const missing = await runCli(['simulate', tempFile(monitor), '--metrics', '/nonexistent/metrics.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Invalid metrics log "\/nonexistent\/metrics.jsonl": file: cannot be read, no such file or folder \(got "ENOENT"\)/);
    const empty = await simulate('step,val_loss\n', 'empty.csv');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/holds no observations/);
  });

  it('lists at most 20 bad lines, then how many more', async () => {
    const log = Array.from({ length: 25 }, () => '{"metrics":{"val_loss":"x"}}').join('\n');
    const { stderr } = await simulate(log, 'many.jsonl');
    expect(stderr).toMatch(/line 20: /);
    expect(stderr).not.toMatch(/line 21: /);
    expect(stderr).toMatch(/and 5 more bad lines/);
  });
});

describe('anneal simulate: exit 2 on wrong usage', () => {
  it('without --metrics, with a bad --format, or with both inputs on standard input', async () => {
    const config = tempFile(monitor);
    const noMetrics = await runCli(['simulate', config]);
    expect(noMetrics.code).toBe(2);
    expect(noMetrics.stderr).toMatch(/missing option --metrics/);
    const badFormat = await runCli(['simulate', config, '--metrics', 'x.csv', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format must be auto, jsonl or csv/);
    const bothStdin = await runCli(['simulate', '-', '--metrics', '-'], { stdin: '{}' });
    expect(bothStdin.code).toBe(2);
  });

  it('is listed by anneal --help', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/simulate\s+replay a metrics log/);
  });
});

describe('metrics log parsing', () => {
  it('reads decimal numbers and the spellings of non-finite values, nothing else', () => {
    expect(parseNumberText(' 1.5e-3 ')).toBe(0.0015);
    expect(parseNumberText('-.5')).toBe(-0.5);
    expect(parseNumberText('NaN')).toBeNaN();
    expect(parseNumberText('-inf')).toBe(-Infinity);
    expect(parseNumberText('+Infinity')).toBe(Infinity);
    for (const text of ['', '0x10', '1,5', 'constructor', 'infinite', '1e']) expect(parseNumberText(text)).toBeUndefined();
  });

  it('splits quoted CSV fields holding commas and doubled quotes', () => {
    const [entry] = parseMetricsLog('"step","val, loss","say ""hi"""\n1,"0.5",2\n', 'csv');
    expect(entry).toEqual({ line: 2, observation: { step: 1, metrics: { 'val, loss': 0.5, 'say "hi"': 2 } } });
  });

  it('detects JSONL by extension or a first line starting with {, CSV otherwise', () => {
    expect(detectMetricsLogFormat('a.NDJSON', 'step,x')).toBe('jsonl');
    expect(detectMetricsLogFormat('a.csv', '{')).toBe('csv');
    expect(detectMetricsLogFormat('-', '\n  {"metrics":{}}')).toBe('jsonl');
    expect(detectMetricsLogFormat('-', 'step,loss\n')).toBe('csv');
  });

  it('keeps the file line numbers across blank lines', () => {
    const entries = parseMetricsLog('\n{"metrics":{"a":1}}\n\n{"metrics":{"a":2}}\n', 'jsonl');
    expect(entries.map((e) => e.line)).toEqual([2, 4]);
  });
});
