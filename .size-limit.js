// Browser bundle budgets (issue 8), run by `pnpm size` and CI: what an app pays for anneal,
// bundled by esbuild for the browser, minified, gzip. esbuild's browser platform cannot
// resolve a node built-in, so a `node:` import reaching any of these bundles fails
// `pnpm size` outright. Before/after figures: docs/benchmarks.md.
const browser = (config) => ({ ...config, platform: 'browser' });
const check = (name, path, imported, limit, extra = {}) => ({
  name,
  path,
  import: imported,
  limit,
  gzip: true,
  modifyEsbuildConfig: browser,
  ...extra,
});

export default [
  // The budget. Classic zod alone is ~22.5 KB of it, so the margin is thin.
  check('@anneal/core: { cosineDecay, evaluate }', 'packages/core/dist/index.js', '{ cosineDecay, evaluate }', '25 KB'),
  // A ratchet at today's size (51.6 kB after greedy, smoothing and migration landed): the
  // issue's budget is 35 KB, which classic zod (~30 KB of
  // this bundle) cannot meet; it needs the runtime schemas on zod/mini (docs/benchmarks.md).
  check('@anneal/monitor: { createMonitor }', 'packages/monitor/dist/index.js', '{ createMonitor }', '52 KB'),
  // Whole packages: ratchets, and the node-built-in guard for every browser package.
  check('@anneal/core: everything', 'packages/core/dist/index.js', '*', '38 KB'),
  check('@anneal/loop: everything', 'packages/loop/dist/index.js', '*', '56 KB'),
  check('@anneal/tfjs: everything (TensorFlow.js not counted)', 'packages/tfjs/dist/index.js', '*', '59 KB', {
    ignore: ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'],
  }),
];
