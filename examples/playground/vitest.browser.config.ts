import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `pnpm test:browser`: the playground's tests in Chromium (see test/browser.ts). Kept out
// of `pnpm test`, whose include matches *.test.ts only: these files are *.browser.ts.
const source = (name: string) => fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@anneal/core': source('core'),
      // Before '@anneal/monitor', which would otherwise take the subpath as a prefix.
      '@anneal/monitor/slope': fileURLToPath(new URL('../../packages/monitor/src/slope.ts', import.meta.url)),
      '@anneal/monitor': source('monitor'),
      '@anneal/cli': source('cli'),
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.browser.ts'],
    globalSetup: ['test/serve-built-app.ts'],
    // One Chromium at a time: the timings are measured on a shared machine.
    fileParallelism: false,
    testTimeout: 180_000,
    // The machine is shared: waiting for a redraw or a replay may take seconds under load.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
  },
});
