import { readFileSync } from 'node:fs';
import { createMonitor, type MonitorConfigInput } from '@anneal/monitor';
import { describe, expect, it } from 'vitest';
import { parseMetricsLog, parseNumberText } from '../src/metrics-log.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

// torch ReduceLROnPlateau(mode="min", factor=0.1, patience=2, threshold=1e-4, "rel") over
// val_loss 1, 0.9, 0.95, 0.95, 0.95, 0.8: the 5th evaluation is the 3rd bad one in a row,
// so the rate after it is 0.1 · 0.1 (torch _reduce_lr, float64).
const torchPlateau = { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'plateau', patience: 2, factor: 0.1, compat: 'torch' }] } satisfies MonitorConfigInput;
const expectedLr = [0.1, 0.1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1];

/** The rate after each observation that carries the monitored metric. */
function replay(text: string, format: 'csv' | 'jsonl', config: MonitorConfigInput): number[] {
  const monitor = createMonitor(config);
  const rates: number[] = [];
  for (const { observation } of parseMetricsLog(text, format)) {
    monitor.observe(observation);
    if (Object.hasOwn(observation.metrics, 'val_loss')) rates.push(monitor.lr);
  }
  return rates;
}

describe('CSV logs of other frameworks replay as they are', () => {
  it('Keras CSVLogger (epoch, learning_rate, loss, val_loss; keys sorted after epoch)', () => {
    expect(replay(fixture('keras-csvlogger.csv'), 'csv', torchPlateau)).toEqual(expectedLr);
  });

  it('Lightning CSVLogger metrics.csv: rows with empty cells where a metric was not logged, skipped with onMissing "skip"', () => {
    const text = fixture('lightning-metrics.csv');
    const entries = parseMetricsLog(text, 'csv');
    expect(entries[0]).toEqual({ line: 2, observation: { step: 49, epoch: 0, metrics: { train_loss: 0.9012 } } });
    expect(entries[2]).toEqual({ line: 4, observation: { step: 99, epoch: 0, metrics: { val_loss: 1 } } });
    expect(replay(text, 'csv', { ...torchPlateau, onMissing: 'skip' })).toEqual(expectedLr);
  });
});

describe('JSONL written by JavaScript', () => {
  it('reads null as NaN (JSON.stringify(NaN) is "null")', () => {
    const text = [JSON.stringify({ step: 1, metrics: { val_loss: 0.5 } }), JSON.stringify({ step: 2, metrics: { val_loss: Number.NaN } })].join('\n');
    expect(text).toContain('"val_loss":null');
    const [, second] = parseMetricsLog(text, 'jsonl');
    expect(second?.observation.metrics.val_loss).toBeNaN();
  });
});

describe('a byte-order mark at the start', () => {
  it('is accepted in JSONL and CSV, and the line numbers stay the file’s', () => {
    expect(parseMetricsLog('\uFEFF{"metrics":{"a":1}}\n', 'jsonl')).toEqual([{ line: 1, observation: { metrics: { a: 1 } } }]);
    expect(parseMetricsLog('\uFEFFstep,a\n1,2\n', 'csv')).toEqual([{ line: 2, observation: { step: 1, metrics: { a: 2 } } }]);
  });
});

describe('line numbers in errors are exact', () => {
  it('across CRLF, blank lines and a quoted field spanning lines', () => {
    const text = 'step,"val\nloss",note\r\n\r\n1,0.5,"two\nlines"\n2,x,ok\n\n3,0.4\n';
    expect(() => parseMetricsLog(text, 'csv')).toThrow(/line 6: val\nloss: must be a number, NaN, Infinity or -Infinity \(got "x"\)[^]*line 8: has 2 cells, the header has 3/);
  });

  it('an unclosed quote is reported, not read as data', () => {
    expect(() => parseMetricsLog('step,a\n1,"2\n3,4\n', 'csv')).toThrow(/Quote Not Closed/);
  });
});

describe('number parsing is linear in the length of the text (issue 9)', () => {
  // The former regex /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ backtracked quadratically:
  // 60 000 digits then "x" took 7.6 s, so 600 000 would take about 760 s. One pass takes
  // well under a millisecond per 100 000 characters; 1 s is a bound only a quadratic
  // (or worse) parser misses.
  it('rejects 600 000 digits followed by "x" in well under a second, and a 60 000-digit CSV cell too', () => {
    const started = performance.now();
    expect(parseNumberText(`${'1'.repeat(600_000)}x`)).toBeUndefined();
    expect(parseNumberText(`${'1'.repeat(300_000)}.${'2'.repeat(300_000)}ex`)).toBeUndefined();
    expect(() => parseMetricsLog(`step,a\n1,${'9'.repeat(60_000)}x\n`, 'csv')).toThrow(/line 2: a: must be a number/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('still reads every decimal form and refuses the rest', () => {
    for (const [text, value] of [['1', 1], ['+1.', 1], ['-.5', -0.5], ['1e3', 1000], ['1.5E-3', 0.0015], ['2e+2', 200]] as const) {
      expect(parseNumberText(text)).toBe(value);
    }
    for (const text of ['.', '+', 'e5', '1e', '1e+', '1.2.3', '--1', '1 2', '0x1F', '½']) expect(parseNumberText(text)).toBeUndefined();
  });
});
