// `pnpm bench [filter]`: runs every bench/*.bench.ts module's `run()` in turn (or only
// those whose file name contains `filter`) and prints each suite as a table.
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { formatSuite, type Suite } from './harness.js';

const filter = process.argv[2] ?? '';
const dir = new URL('./', import.meta.url);
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && file.includes(filter))
  .sort();

console.log(`node ${process.version}, ${availableParallelism()} CPUs, ${process.platform}/${process.arch}\n`);
if (files.length === 0) {
  console.error(`no bench/*.bench.ts file matches "${filter}"`);
  process.exitCode = 2;
}
for (const file of files) {
  const module = (await import(new URL(file, dir).href)) as { run?: () => Suite | Promise<Suite> };
  if (typeof module.run !== 'function') {
    console.log(`${file}: no exported run(), skipped\n`);
    continue;
  }
  console.log(`${formatSuite(await module.run())}\n`);
}
