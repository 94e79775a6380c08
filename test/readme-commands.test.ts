import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inReadersProject, notRun, readmeFiles, shellLines } from '../scripts/readme-shell-lines.js';

// `pnpm readme-commands` (run by .ci/run) executes every README shell line; these
// checks are the fast half: nothing slips past it, and nothing asks for what a fresh
// clone does not have (a published package, a global anneal or tsx).
const root = fileURLToPath(new URL('..', import.meta.url));
const lines = shellLines(root);

describe('README shell lines', () => {
  it('are found in the root, package, example and gallery READMEs', () => {
    const files = new Set(lines.map((line) => line.file));
    for (const file of ['README.md', 'packages/cli/README.md', 'examples/tfjs-resume/README.md', 'docs/gallery/README.md']) {
      expect(files).toContain(file);
    }
    expect(readmeFiles(root)).toContain('packages/tfjs/README.md');
  });

  it('call only what a fresh clone has: pnpm scripts, pnpm exec, the shell', () => {
    const bad = lines.filter(({ command }) => /(^|[;&|]\s*)(anneal|tsx|npx anneal|npx @anneal)\b/.test(command) || /npm (install|i) (-g )?@anneal\//.test(command));
    expect(bad).toEqual([]);
  });

  it('are all run by pnpm readme-commands, except the listed ones, each with its reason', () => {
    const commands = new Set(lines.map((line) => line.command));
    for (const [command, reason] of notRun) {
      expect(commands, `a notRun entry no README shows any more: ${command}`).toContain(command);
      expect(reason.length).toBeGreaterThan(20);
    }
    const skipped = lines.filter(({ command }) => notRun.has(command) || inReadersProject(command));
    expect(skipped.length).toBeLessThan(lines.length / 4);
  });

  it('show the output of every session command ($ lines)', () => {
    const sessions = lines.filter((line) => line.expected !== undefined && !line.command.startsWith('echo '));
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    for (const { expected } of sessions) expect(expected).not.toBe('');
  });

  it('are run by .ci/run', () => {
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/^pnpm readme-commands/m);
  });
});
