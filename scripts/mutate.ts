// `pnpm mutate [rules|combinators|schedules|rules:<rule>|schedules:<family> ...] [stryker options]`:
// mutation testing with StrykerJS
// (issue 9 item 6), one folder at a time, each against the tests that target it, so a
// run's score is per folder as docs/benchmarks.md records it. Slow and CPU bound: not
// part of CI. Reports go to reports/mutation/<folder>/ (HTML and JSON, git-ignored).
import { spawnSync } from 'node:child_process';

interface Target {
  /** Files Stryker mutates. */
  readonly mutate: string;
  /** Tests run against each mutant (comma-separated globs, read by vitest.mutate.config.ts). */
  readonly tests: string;
}

const targets: Record<string, Target> = {
  rules: {
    mutate: 'packages/monitor/src/rules/**/*.ts,!**/index.ts',
    tests: 'packages/monitor/test/rules/**/*.test.ts,packages/monitor/test/parity/**/*.test.ts',
  },
  combinators: {
    mutate: 'packages/core/src/combinators/**/*.ts,!**/index.ts',
    tests: 'packages/core/test/combinators*.test.ts,packages/core/test/growth-cap.test.ts',
  },
  schedules: {
    mutate: 'packages/core/src/schedules/**/*.ts,!**/index.ts',
    tests: [
      ...['optax', 'tensorflow', 'timm', 'torch', 'transformers'].map((family) => `packages/core/test/${family}/**/*.test.ts`),
      'packages/core/test/growth-cap.test.ts',
    ].join(','),
  },
};
// (No brace globs such as `{rules,parity}` above: the list is split on commas, so the
// braces would be cut in two and match nothing; Stryker then finds no test and stops.)

// `rules:severity-drop` mutates one rule's file against that rule's tests and the parity
// suites (test/parity: Keras, torch, transformers, SciPy tables; perTest coverage runs only
// those that reach the rule): a whole folder takes hours on a busy machine, one rule minutes.
for (const stem of ['early-stop', 'greedy', 'nan-guard', 'plateau', 'severity-drop', 'slope', 'warm-restart']) {
  targets[`rules:${stem}`] = {
    mutate: `packages/monitor/src/rules/${stem}.ts`,
    tests: `packages/monitor/test/rules/${stem}*.test.ts,packages/monitor/test/parity/**/*.test.ts`,
  };
}

// `schedules:torch` mutates one family's folder against that family's tests and the growth
// cap's (which tests the saturation of the growing schedules).
for (const family of ['optax', 'tensorflow', 'timm', 'torch', 'transformers']) {
  targets[`schedules:${family}`] = {
    mutate: `packages/core/src/schedules/${family}/**/*.ts,!**/index.ts`,
    tests: `packages/core/test/${family}/**/*.test.ts,packages/core/test/growth-cap.test.ts`,
  };
}

// Targets come first; from the first option on, the arguments go to `stryker run` as they
// are (e.g. `pnpm mutate schedules:torch --concurrency 1`, which overrides the config's 2).
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const asked = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const unknown = asked.filter((name) => !Object.hasOwn(targets, name));
if (unknown.length > 0) {
  console.error(`pnpm mutate: unknown target ${unknown.join(', ')}; pick from ${Object.keys(targets).join(', ')}`);
  process.exit(2);
}

let status = 0;
for (const name of asked.length > 0 ? asked : Object.keys(targets)) {
  const { mutate, tests } = targets[name] as Target;
  console.log(`\n== pnpm mutate ${name}: ${mutate}`);
  const run = spawnSync(
    'stryker',
    ['run', '--mutate', mutate, ...options],
    { stdio: 'inherit', env: { ...process.env, ANNEAL_MUTATE_TESTS: tests, ANNEAL_MUTATE_NAME: name.replace(':', '-') } },
  );
  status ||= run.status ?? 1;
}
process.exit(status);
