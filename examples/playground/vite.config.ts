import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// The playground runs anneal from the workspace sources (as vitest does), so it needs no
// `pnpm build` of the packages first and always shows the code of this checkout.
const packages = ['core', 'monitor', 'tfjs', 'loop', 'cli'];
const alias = packages.map((name) => ({
  find: new RegExp(`^@anneal/${name}$`),
  replacement: fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url)),
}));

// csv-parse's Node build (the CLI's CSV reader may use it) needs Node's Buffer; its browser
// build carries its own. A no-op while no workspace module imports it.
alias.push({ find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' });

export default defineConfig({
  base: './', // plain files: the built app works from any folder or static host
  resolve: { alias, dedupe: ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, reportCompressedSize: false },
  plugins: [sizeReport()],
});

/**
 * Reports the built JavaScript after the build: the app's own (what a visitor loads) apart
 * from the training worker's chunks, which hold TensorFlow.js and load only when training
 * starts. Written to dist/size-report.json too, for the browser test.
 */
function sizeReport(): Plugin {
  let outDir = 'dist';
  return {
    name: 'anneal-size-report',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      const files = readdirSync(assets)
        .filter((file) => file.endsWith('.js'))
        .map((file) => {
          const bytes = readFileSync(join(assets, file));
          const training = /tfjs|train/i.test(file) || bytes.includes('tfjs-core');
          return { file, bytes: statSync(join(assets, file)).size, gzip: gzipSync(bytes).length, training };
        });
      const sum = (list: typeof files, key: 'bytes' | 'gzip') => list.reduce((total, f) => total + f[key], 0);
      const app = files.filter((f) => !f.training);
      const training = files.filter((f) => f.training);
      const report = {
        app: { bytes: sum(app, 'bytes'), gzip: sum(app, 'gzip'), files: app.map((f) => f.file) },
        training: { bytes: sum(training, 'bytes'), gzip: sum(training, 'gzip'), files: training.map((f) => f.file) },
      };
      writeFileSync(join(outDir, 'size-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      console.log(
        `\nanneal playground JavaScript: app ${kb(report.app.bytes)} (${kb(report.app.gzip)} gzip), ` +
          `training worker with TensorFlow.js ${kb(report.training.bytes)} (${kb(report.training.gzip)} gzip), loaded on "Train"`,
      );
    },
  };
}
