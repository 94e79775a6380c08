// The monitor lab in Chromium: a metrics log replayed through a monitor config lists the
// decisions `anneal simulate` prints for the same config and log (run here, in-process,
// from the CLI's source), and an edited rule option replays at once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '@anneal/cli';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPlayground, openSession, type Session } from './browser.js';

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(() => session?.close());

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const monitorConfig = JSON.parse(readFileSync(file('../../tfjs-fit/monitor.json'), 'utf8')) as Record<string, unknown>;
const jsonlLog = readFileSync(file('../../gallery/tfjs-fit-run.jsonl'), 'utf8');

interface Listed {
  type: string;
  step: number;
  rule: string | undefined;
}

/** `anneal simulate <config> --metrics <log>`: its drops, restarts, stops, NaNs and skips, with their steps. */
async function simulate(config: unknown, log: string, name: string): Promise<Listed[]> {
  let out = '';
  const files: Record<string, string> = { 'monitor.json': JSON.stringify(config), [name]: log };
  const io = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => process.stderr.write(text) },
    readFile: async (path: string) => files[path] ?? Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' })),
  };
  expect(await main(['simulate', 'monitor.json', '--metrics', name], io)).toBe(0);
  return out
    .trim()
    .split('\n')
    .flatMap((line) => {
      const record = JSON.parse(line) as { step: number; events: { type: string; rule?: string }[] };
      return record.events.map((event) => ({ type: event.type, step: record.step, rule: event.rule }));
    });
}

async function listedInPage(): Promise<Listed[]> {
  return session.page.getByTestId('decisions').locator('li[data-type]').evaluateAll((items) =>
    items.map((item) => ({
      type: (item as HTMLElement).dataset.type as string,
      step: Number((item as HTMLElement).dataset.step),
      rule: (item as HTMLElement).dataset.rule,
    })),
  );
}

async function openLab(config: unknown): Promise<void> {
  await openPlayground(session, `#config=${encodeURIComponent(JSON.stringify(config))}`);
  expect(await session.page.getByTestId('tab-monitor').getAttribute('aria-selected')).toBe('true');
}

async function pasteLog(text: string): Promise<void> {
  const replays = Number((await session.page.getByTestId('decisions').getAttribute('data-replays')) ?? 0);
  await session.page.getByTestId('metrics-log').fill(text);
  await expect.poll(async () => Number((await session.page.getByTestId('decisions').getAttribute('data-replays')) ?? 0)).toBeGreaterThan(replays);
}

test('a replayed JSONL log lists the decisions anneal simulate prints', async () => {
  await openLab(monitorConfig);
  await pasteLog(jsonlLog);
  const expected = await simulate(monitorConfig, jsonlLog, 'run.jsonl');
  expect(expected.map((e) => e.type)).toEqual(['drop', 'stop']); // the run's severityDrop and earlyStop
  expect(await listedInPage()).toEqual(expected);
  // The replay chart is drawn, with the events labelled as `anneal simulate --plot` labels them.
  const labels = await session.page.getByTestId('replay-chart').locator('svg text').allTextContents();
  expect(labels).toEqual(expect.arrayContaining(['stop (earlyStop)']));
  expect(session.errors).toEqual([]);
});

test("changing a rule option in the form replays at once (what if earlyStop's patience had been 2?)", async () => {
  await openLab(monitorConfig);
  await pasteLog(jsonlLog);
  const before = await listedInPage();
  const patience = session.page.locator('input[type="number"][data-path="rules.3.patience"]');
  await patience.fill('2');
  const changed = structuredClone(monitorConfig) as { rules: Record<string, unknown>[] };
  (changed.rules[3] as Record<string, unknown>).patience = 2;
  const expected = await simulate(changed, jsonlLog, 'run.jsonl');
  expect(expected).not.toEqual(before); // the option matters for this log
  await expect.poll(listedInPage).toEqual(expected);
  expect(session.errors).toEqual([]);
});

test("a Keras CSVLogger log (epoch, no step) replays as anneal simulate reads it", async () => {
  // Keras's CSVLogger writes `epoch,<metrics...>` sorted by name, one row per epoch.
  const rows = jsonlLog
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { epoch: number; metrics: Record<string, number> });
  const names = Object.keys(rows[0]?.metrics ?? {}).sort();
  const csv = [`epoch,${names.join(',')}`, ...rows.map((r) => [r.epoch, ...names.map((n) => r.metrics[n])].join(','))].join('\n');
  const config = monitorConfig;
  await openLab(config);
  await pasteLog(csv);
  const expected = await simulate(config, csv, 'training.csv');
  expect(expected.length).toBeGreaterThan(0);
  expect(await listedInPage()).toEqual(expected);
});

test("a bad line in the log is reported with its line number, the page keeps working", async () => {
  await openLab(monitorConfig);
  await session.page.getByTestId('metrics-log').fill('{"step": 1, "metrics": {"val_loss": 0.5}}\n{"step": 2, "metrics": {"val_loss": "lots"}}\n');
  await expect.poll(() => session.page.getByTestId('log-error').textContent()).toMatch(/line 2: metrics\.val_loss/);
  await pasteLog(jsonlLog);
  expect(await session.page.getByTestId('log-error').isHidden()).toBe(true);
});
