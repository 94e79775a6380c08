// The playground's "TypeScript" export compiles: the snippets are checked by `tsc` against
// the workspace packages' sources (as a user's project would see the packages), in one run
// of the compiler. Part of `pnpm test` (no browser needed).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { typescriptSnippet } from '../src/export-config.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'anneal-snippet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const monitorConfig = JSON.parse(readFileSync(join(repo, 'examples/tfjs-fit/monitor.json'), 'utf8')) as unknown;
const snippets: Record<string, string> = {
  // A combinator with a nested schedule.
  'schedule.ts': typescriptSnippet(
    { kind: 'warmup', warmupSteps: 100, schedule: { kind: 'cosineDecay', initialLearningRate: 0.1, decaySteps: 900 } },
    'schedule',
  ),
  'monitor.ts': typescriptSnippet(monitorConfig, 'monitor'),
  'callback.ts': typescriptSnippet(monitorConfig, 'callback'),
  // The control: a function the package does not export must be refused.
  'broken.ts': typescriptSnippet({ kind: 'constant', initialLearningRate: 0.1 }, 'schedule').replace('fromConfig', 'fromConfigs'),
};

/** tsc's complaints per snippet file. */
const complaints: Record<string, string[]> = {};

beforeAll(async () => {
  for (const [name, source] of Object.entries(snippets)) writeFileSync(join(dir, name), source);
  const paths = Object.fromEntries(['core', 'monitor', 'tfjs'].map((pkg) => [`@anneal/${pkg}`, [join(repo, `packages/${pkg}/src/index.ts`)]]));
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      paths,
    },
    files: Object.keys(snippets),
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const tsc = join(repo, 'node_modules/typescript/bin/tsc');
  const output = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'])
    .then(({ stdout }) => stdout)
    .catch((error: { stdout?: string }) => error.stdout ?? String(error));
  for (const name of Object.keys(snippets)) complaints[name] = [];
  for (const line of output.split('\n')) {
    const file = Object.keys(snippets).find((name) => line.startsWith(name) || line.includes(`/${name}(`));
    if (file !== undefined) complaints[file]?.push(line);
    else if (line.trim() !== '') (complaints.other ??= []).push(line);
  }
}, 240_000);

test('a schedule snippet compiles (a combinator with a nested schedule)', () => {
  expect(complaints['schedule.ts']).toEqual([]);
});

test('a createMonitor snippet and an annealCallback snippet compile', () => {
  expect(complaints['monitor.ts']).toEqual([]);
  expect(complaints['callback.ts']).toEqual([]);
  expect(complaints.other).toBeUndefined();
});

test('the check can fail: a snippet calling a function the package does not export is refused', () => {
  expect(complaints['broken.ts']?.join('\n')).toMatch(/fromConfigs/);
});
