// Training live in Chromium: TensorFlow.js is fetched only when Train is pressed, both runs
// (anneal and the fixed rate) are charted as they go, Stop ends with "stopped", and a
// restart runs to "done" with the final comparison.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPlayground, openSession, type Session } from './browser.js';

let session: Session;
beforeAll(async () => {
  session = await openSession();
});
afterAll(() => session?.close());

const monitorConfig = JSON.parse(readFileSync(fileURLToPath(new URL('../../tfjs-fit/monitor.json', import.meta.url)), 'utf8')) as unknown;
const status = () => session.page.getByTestId('train-status');

test('train live: stop, restart, then run to "done" with both runs in the chart', async () => {
  await openPlayground(session, `#config=${encodeURIComponent(JSON.stringify(monitorConfig))}`);
  const trainingChunks = () => session.requests.filter((url) => /\/assets\/train-/.test(url));
  expect(trainingChunks()).toEqual([]);

  await session.page.getByTestId('epochs').fill('8');
  await session.page.getByTestId('train-button').click();
  await expect.poll(() => status().textContent(), { timeout: 90_000 }).toMatch(/^training: anneal epoch [1-9]/);
  expect(trainingChunks().length).toBeGreaterThan(0);
  await session.page.getByTestId('stop-button').click();
  await expect.poll(() => status().textContent()).toMatch(/stopped$/);

  await session.page.getByTestId('train-button').click();
  await expect.poll(() => status().getAttribute('data-state'), { timeout: 170_000, interval: 500 }).toBe('done');
  const text = (await status().textContent()) ?? '';
  expect(text).toMatch(/done$/);
  expect(text).toMatch(/anneal: val_loss \d\.\d{4}, val_acc \d+\.\d% after \d+ epochs/);
  expect(text).toMatch(/fixed 0\.05: val_loss \d\.\d{4}, val_acc \d+\.\d% after 8 epochs/);
  const legend = await session.page.getByTestId('run-chart').locator('svg text').allTextContents();
  expect(legend).toEqual(expect.arrayContaining(['anneal', 'fixed 0.05', 'val_loss', 'learning rate']));
  expect(session.errors).toEqual([]);
});
