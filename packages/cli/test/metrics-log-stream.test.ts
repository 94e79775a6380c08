import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Io, main } from '@anneal/cli';
import { describe, expect, it } from 'vitest';
import { renderSvg, runChartSpec, type SimulationRecord, simulationRunChart } from '../src/plot/index.js';
import { runCli, tempDir, tempFile } from './run-cli.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** `anneal` in-process over real files, the metrics log streamed in chunks of `chunk` bytes. */
async function runStreamed(argv: string[], chunk: number) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readFile: (path) => readFile(path, 'utf8'),
    readStream: (path) => createReadStream(path, { encoding: 'utf8', highWaterMark: chunk }),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const monitor = tempFile({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 1, factor: 0.5 }] });

// Logs whose reading depends on where a chunk ends: CRLF line ends, a byte-order mark,
// blank lines, multi-byte characters, a quoted CSV field spanning lines, bad lines.
const logs: Record<string, string> = {
  'crlf-bom.jsonl': '\uFEFF{"step":1,"metrics":{"val_loss":1}}\r\n\r\n{"step":2,"metrics":{"val_loss":"NaN","naïve–µ":2}}\r\n{"step":3,"metrics":{"val_loss":0.5}}',
  'bad-lines.jsonl': '{"step":1,"metrics":{"val_loss":1}}\n{"step":2,"metrics":{"val_loss":"high"}}\nnot json\r\n{"step":"x","metrics":{}}\n',
  'lone-cr.jsonl': '{"step":1,"metrics":{"val_loss":1}}\r{"step":2}\n{"step":3,"metrics":{"val_loss":1}}\n',
  'quoted.csv': '\uFEFFstep,"val_loss","note, ü"\r\n1,1,"a\r\nb"\r\n2,0.9,x\r\n\r\n3,nan,"say ""hi"""\n',
  'bad.csv': 'step,val_loss\n1,1\n2,abc\n3\n4,"unclosed\n',
  'blank.jsonl': '\n  \n\r\n',
};

describe('the streaming metrics-log reader', () => {
  it('reads every log exactly as the whole-text reader does, whatever the chunk size (1, 7 and 64 KiB bytes)', async () => {
    for (const [name, text] of Object.entries(logs)) {
      const path = tempFile(text, name);
      const whole = await runCli(['simulate', monitor, '--metrics', path]);
      for (const chunk of [1, 7, 65_536]) {
        expect(await runStreamed(['simulate', monitor, '--metrics', path], chunk), `${name}, chunks of ${chunk}`).toEqual(whole);
      }
    }
  });

  it('reads the Keras and Lightning CSV fixtures as the whole-text reader does', async () => {
    const config = tempFile({ initialLearningRate: 0.1, metric: 'val_loss', onMissing: 'skip', rules: [{ kind: 'plateau', patience: 2 }] });
    for (const name of ['keras-csvlogger.csv', 'lightning-metrics.csv']) {
      const whole = await runCli(['simulate', config, '--metrics', fixture(name)]);
      expect(whole.code).toBe(0);
      expect(await runStreamed(['simulate', config, '--metrics', fixture(name)], 5)).toEqual(whole);
    }
  });

  it('detects the format from the first non-blank character, even in a later chunk', async () => {
    const path = tempFile(`\n\n   \n${'{"metrics":{"val_loss":1}}\n'.repeat(3)}`, 'no-extension');
    const streamed = await runStreamed(['simulate', monitor, '--metrics', path], 2);
    expect(streamed.stderr).toBe('');
    expect(streamed.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('a file that cannot be read is reported as before, streamed or not', async () => {
    const streamed = await runStreamed(['simulate', monitor, '--metrics', '/nonexistent/run.jsonl'], 64);
    expect(streamed).toEqual(await runCli(['simulate', monitor, '--metrics', '/nonexistent/run.jsonl']));
    expect(streamed.code).toBe(1);
    const directory = await runStreamed(['simulate', monitor, '--metrics', tempDir], 64);
    expect(directory.code).toBe(1);
    expect(directory.stderr).toMatch(/EISDIR/);
  });

  it('counts every bad line of a long log while keeping only the first ones', async () => {
    const bad = Array.from({ length: 5000 }, (_, i) => `{"step":${i},"metrics":{"val_loss":"x"}}`).join('\n');
    const { code, stderr } = await runStreamed(['simulate', monitor, '--metrics', tempFile(bad, 'all-bad.jsonl')], 4096);
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 1: metrics\.val_loss: /);
    expect(stderr).toMatch(/line 20: /);
    expect(stderr).not.toMatch(/line 21: /);
    expect(stderr).toMatch(/\.\.\. and 4980 more bad lines/);
  });
});

describe('simulate --plot of a long log, reduced as it is replayed', () => {
  const noise = (i: number) => ((Math.imul(i + 1, 2_654_435_761) >>> 0) % 10_000) / 10_000;
  // 20 000 observations (more than the 4000 drawn point for point): a falling noisy
  // loss with a NaN and plateaus, so the rule drops the rate now and then.
  const loss = (i: number) => (i === 7777 ? 'NaN' : (2 / Math.sqrt(1 + Math.floor(i / 3000)) + 0.3 * noise(i)).toFixed(5));
  const json = (i: number) => (i === 7777 ? '"NaN"' : loss(i));
  const cases: Record<string, string> = {
    'steps.jsonl': Array.from({ length: 20_000 }, (_, i) => `{"step":${10 * i + 5},"metrics":{"val_loss":${json(i)}}}`).join('\n'),
    'epochs.jsonl': Array.from({ length: 20_000 }, (_, i) => `{"epoch":${i},"metrics":{"val_loss":${json(i)}}}`).join('\n'),
    'counted.csv': `val_loss\n${Array.from({ length: 20_000 }, (_, i) => loss(i)).join('\n')}\n`,
  };
  const config = tempFile({ initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 300, factor: 0.5 }] });

  it('draws the same SVG as the chart made from all the printed records at once', async () => {
    for (const [name, log] of Object.entries(cases)) {
      const svgPath = `${tempDir}/${name}.svg`;
      const result = await runStreamed(['simulate', config, '--metrics', tempFile(log, name), '--plot', svgPath], 65_536);
      expect(result.stderr).toBe('');
      const records = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as SimulationRecord);
      expect(records).toHaveLength(20_000);
      expect(records.some((r) => r.events.length > 0), `${name} has drops`).toBe(true);
      const whole = simulationRunChart(records, { metric: 'val_loss', logHasSteps: name === 'steps.jsonl' });
      expect(readFileSync(svgPath, 'utf8'), name).toBe(await renderSvg(runChartSpec(whole)));
    }
  });
});

describe('files that cannot be read or written: one error form', () => {
  it('words a missing config and a missing metrics log the same way, code IO, the file system error kept as cause', async () => {
    const { readJsonFile } = await import('@anneal/cli');
    const { openMetricsLog } = await import('../src/metrics-log-reader.js');
    const io: Io = { stdout: { write: () => true }, stderr: { write: () => true }, readFile: (path) => readFile(path, 'utf8') };
    const errors = await Promise.all([
      readJsonFile('/nonexistent/c.json', io).catch((error: unknown) => error),
      openMetricsLog('/nonexistent/run.jsonl', io).catch((error: unknown) => error),
    ]);
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'Invalid JSON file "/nonexistent/c.json": file: cannot be read, no such file or folder (got "ENOENT")',
      'Invalid metrics log "/nonexistent/run.jsonl": file: cannot be read, no such file or folder (got "ENOENT")',
    ]);
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'IO', issues: [{ path: 'file', value: 'ENOENT' }] });
      expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
    }
  });
});
