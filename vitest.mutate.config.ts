import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The tests StrykerJS runs for `pnpm mutate` (scripts/mutate.ts): only the suites of
// the folder being mutated, named in ANNEAL_MUTATE_TESTS (comma-separated globs), so
// the initial run and each mutant cost seconds rather than the whole suite's minutes.
// (Not mergeConfig: it would append these globs to the base's instead of replacing them.)
const tests = process.env.ANNEAL_MUTATE_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: tests ?? ['packages/core/test/**/*.test.ts', 'packages/monitor/test/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: base.test?.setupFiles,
    // The tested code is pure, so files may share one module graph: without this,
    // every mutant re-imports zod and the package for each file (most of its cost).
    isolate: false,
  },
});
