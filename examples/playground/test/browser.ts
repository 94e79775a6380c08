// Chromium for the browser tests: Debian's /usr/bin/chromium (CHROMIUM_PATH overrides it),
// driven by playwright-core, headless, with a fresh profile and no background traffic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type ConsoleMessage, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page so far. */
  readonly errors: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
  close(): Promise<void>;
}

export const playgroundUrl = (): string => inject('playgroundUrl');

export async function openSession(): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'anneal-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  context.on('request', (request) => requests.push(request.url()));
  context.on('weberror', (error) => errors.push(String(error.error())));
  return {
    context,
    page,
    errors,
    requests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the playground at `hash` and waits until it says it is interactive. */
export async function openPlayground(session: Session, hash = ''): Promise<void> {
  // A fresh document every time: going to another #fragment of the page already open is a
  // same-document navigation, which would keep the previous test's state (and data-ready).
  await session.page.goto('about:blank');
  await session.page.goto(`${playgroundUrl()}${hash}`);
  await session.page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
}

/** The page's URL fragment, decoded: the config and the other parts. */
export async function sharedConfig(page: Page): Promise<unknown> {
  const hash = new URL(page.url()).hash;
  const config = new URLSearchParams(hash.slice(1).replace(/\+/g, '%2B')).get('config');
  return config === null ? undefined : JSON.parse(config);
}
