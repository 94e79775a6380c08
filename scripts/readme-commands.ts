// Runs every shell line of every README as written (see readme-shell-lines.ts), in a
// scratch directory that looks like a fresh clone's root (the repository's files
// linked in, outputs kept out of the tree). Exits 1 naming each line that failed.
//   pnpm readme-commands
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inReadersProject, notRun, shellLines } from './readme-shell-lines.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'anneal-readme-'));
const linked = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', 'tsconfig.json', 'tsconfig.base.json', 'node_modules', 'packages', 'examples', 'scripts'];
for (const name of linked) symlinkSync(join(root, name), join(scratch, name));
mkdirSync(join(scratch, 'docs', 'gallery'), { recursive: true }); // the gallery's charts are redrawn here, not over the committed ones

// pnpm's own lines around a script's output: its header and its exit note.
const pnpmNoise = (line: string) => line.startsWith('> ') || line.startsWith(' ELIFECYCLE') || line.trim() === '';

let failed = 0;
let ran = 0;
for (const { file, command, expected } of shellLines(root)) {
  if (notRun.has(command) || inReadersProject(command)) continue;
  ran++;
  const started = Date.now();
  let output = '';
  let ok = true;
  try {
    output = execFileSync('bash', ['-o', 'pipefail', '-c', `{ ${command}\n} 2>&1`], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
    ok = expected !== undefined; // a session may show a failing command (exit 1) with its message
    if (!ok) console.error(`FAIL ${file}: ${command}\n${output}`);
  }
  if (ok && expected !== undefined) {
    const shown = output.split('\n').filter((line) => !pnpmNoise(line)).join('\n');
    if (!shown.includes(expected)) {
      ok = false;
      console.error(`FAIL ${file}: ${command}\n  expected: ${expected}\n  got:      ${shown}`);
    }
  }
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${((Date.now() - started) / 1000).toFixed(1)}s ${file}: ${command}`);
}
rmSync(scratch, { recursive: true, force: true });
console.log(`${ran - failed} of ${ran} README commands ran as written${failed ? `; ${failed} failed` : ''}`);
process.exitCode = failed ? 1 : 0;
