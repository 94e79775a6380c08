import { defineConfig } from 'tsup';
import { treeShakableLibraryBuild } from '../../tsup.library.js';

// Two entry points: the package, and `@anneal/monitor/slope` (kept apart for bundle size).
const [esm, cjs] = treeShakableLibraryBuild;
const entries = ['src/index.ts', 'src/slope.ts'];
export default defineConfig([
  { ...esm, dts: { entry: entries }, clean: [...esm.clean, '!slope.cjs', '!slope.cjs.map', '!slope.d.cts'] },
  { ...cjs, entry: entries },
]);
