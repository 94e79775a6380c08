import { defineConfig } from 'tsup';
import { treeShakableLibraryBuild } from '../../tsup.library.js';

export default defineConfig(treeShakableLibraryBuild);
