import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The tests StrykerJS runs for `pnpm mutate` (scripts/mutate.ts): only the suites of
// the folder being mutated, named in ANNEAL_MUTATE_TESTS (comma-separated globs), so
// the initial run and each mutant cost seconds rather than the whole suite's minutes.
const tests = process.env.ANNEAL_MUTATE_TESTS?.split(',').filter(Boolean);

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: tests ?? ['packages/core/test/**/*.test.ts', 'packages/monitor/test/**/*.test.ts'],
    },
  }),
);
