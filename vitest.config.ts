import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the workspace packages by name and run against their sources, so
// `pnpm test` needs no build first. The same mapping lives in tsconfig.json for tsx.
const source = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@anneal/core': source('core'),
      // Before '@anneal/monitor', which would otherwise take the subpath as a prefix.
      '@anneal/monitor/slope': fileURLToPath(new URL('./packages/monitor/src/slope.ts', import.meta.url)),
      '@anneal/monitor': source('monitor'),
      '@anneal/loop': source('loop'),
      '@anneal/tfjs': source('tfjs'),
      '@anneal/cli': source('cli'),
      '@anneal/redis': source('redis'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Tests that need a redis-server run under `pnpm test:redis` (vitest.redis.config.ts).
    exclude: ['**/node_modules/**', '**/*.redis.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/setup/fast-check-seed.ts'],
  },
});
