import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.library.js';

// Two builds: the library (ESM + CJS + types) and the `anneal` executable (ESM only,
// its `#!/usr/bin/env node` line kept; tsup marks a file with a shebang executable).
// Only the first cleans, and it spares the executable, so the parallel builds cannot race.
export default defineConfig([
  { ...libraryBuild, clean: ['**/*', '!cli.js', '!cli.js.map'] },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    clean: false,
    sourcemap: libraryBuild.sourcemap,
    target: libraryBuild.target,
  },
]);
