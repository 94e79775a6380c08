import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `pnpm test:redis`: the tests that start a redis-server (Debian's) on a free port.
// `pnpm test` excludes them, so it needs no Redis. One file at a time: they start
// worker processes, and CI machines have few cores.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['**/*.redis.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    setupFiles: base.test?.setupFiles,
    hookTimeout: 60_000,
  },
});
