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
  // The budgets. The runtime schemas are zod/mini (classic zod alone was ~30 KB of the
  // monitor's bundle): 9.2 kB and 33.7 kB measured (docs/benchmarks.md).
  check('@anneal/core: { cosineDecay, evaluate }', 'packages/core/dist/index.js', '{ cosineDecay, evaluate }', '25 KB'),
  check('@anneal/monitor: { createMonitor }', 'packages/monitor/dist/index.js', '{ createMonitor }', '35 KB'),
  // Whole packages: ratchets, and the node-built-in guard for every browser package.
  check('@anneal/core: everything', 'packages/core/dist/index.js', '*', '30 KB'),
  check('@anneal/loop: everything', 'packages/loop/dist/index.js', '*', '39 KB'),
  check('@anneal/tfjs: everything (TensorFlow.js not counted)', 'packages/tfjs/dist/index.js', '*', '42 KB', {
    ignore: ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'],
  }),
];
