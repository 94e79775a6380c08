import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.library.js';

// Two entry points: the package, and `@anneal/monitor/slope` (kept apart for bundle size).
export default defineConfig({ ...libraryBuild, entry: ['src/index.ts', 'src/slope.ts'] });
