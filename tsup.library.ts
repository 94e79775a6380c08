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
