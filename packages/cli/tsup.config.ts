import { defineConfig } from 'tsup';

// Two builds: the library (ESM + CJS + types) and the `anneal` executable (ESM only,
// its `#!/usr/bin/env node` line kept; tsup marks a file with a shebang executable).
// Only the first cleans, and it spares the executable, so the parallel builds cannot race.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['**/*', '!cli.js', '!cli.js.map'],
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    clean: false,
    sourcemap: true,
    target: 'node20',
  },
]);
