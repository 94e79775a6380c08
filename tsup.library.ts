import type { Options } from 'tsup';

/** How every @anneal package builds its library: ESM + CJS with type declarations, for Node 20. */
export const libraryBuild = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
} satisfies Options;

/**
 * The browser-facing packages (core, monitor, loop, tfjs): the ESM build keeps one file
 * per source module, so a bundler drops every module an app does not import (with
 * `"sideEffects": false`): `import { cosineDecay } from '@anneal/core'` does not pull in
 * the other 35 schedules, which one bundled file would (their schemas are built at load).
 * CJS (Node's `require`) stays one bundled file. Only the first build cleans, sparing the
 * second's files, so the parallel builds cannot race.
 */
export const treeShakableLibraryBuild = [
  {
    entry: ['src/**/*.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: 'src/index.ts' },
    clean: ['**/*', '!index.cjs', '!index.cjs.map', '!index.d.cts'],
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
] satisfies Options[];
