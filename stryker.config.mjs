// @ts-check
// Mutation testing (issue 9 item 6): `pnpm mutate [rules|combinators|schedules]`
// (scripts/mutate.ts) runs Stryker once per folder with `--mutate` and the folder's
// tests; this file holds what every run shares. Slow (CPU bound): not part of CI.
// scripts/mutate.ts names the folder, so each folder's report has its own directory.
const reports = `reports/mutation/${process.env.ANNEAL_MUTATE_NAME ?? 'all'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // pnpm does not hoist the runner beside Stryker's core, so name the plugin.
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'packages/core/src/schedules/**/*.ts',
    'packages/core/src/combinators/**/*.ts',
    'packages/monitor/src/rules/**/*.ts',
    '!**/index.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (option schemas built at import) rerun every test of the folder
  // for each mutant, 65% of the time for a fifth of the mutants; the formulas and the
  // rules' decisions run per call. Messages (string literals) are not formulas.
  ignoreStatic: true,
  mutator: { excludedMutations: ['StringLiteral'] },
  // The initial run measures per-test coverage of whole suites on a shared machine.
  dryRunTimeoutMinutes: 20,
  // Two cores shared: keep Stryker to two test-runner processes at most.
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  // Incremental: a rerun (after adding tests) retests only the mutants whose code or
  // covering tests changed, and reuses the rest from the last complete run of the target.
  // `--force` reruns everything. (Stryker writes this file when a run ends, so split
  // long runs into targets: `schedules:<family>`, `rules:<rule>`.)
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['docs/gallery', 'bench', 'examples', 'reports', '**/dist'],
};
