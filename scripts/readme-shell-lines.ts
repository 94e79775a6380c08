// The shell lines of every README, as a reader copies them: each ```sh block's lines,
// or, in a block written as a session (`$ command` then its output), each command with
// the output it shows. Shared by scripts/readme-commands.ts (runs them) and
// test/readme-commands.test.ts (checks that none is left unaccounted for).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ShellLine {
  readonly file: string;
  readonly command: string;
  /** The output a session block shows after `$ command` (undefined in a plain block). */
  readonly expected?: string;
}

/** Lines that are not run, each with why; every entry must still match a README line. */
export const notRun: ReadonlyMap<string, string> = new Map([
  ['npx -y pnpm@10 install && npx -y pnpm@10 demo    # trains a TensorFlow.js model with anneal and at a fixed rate, compared', 'installs and runs the full demo: .ci/run does both (pnpm install, pnpm run examples)'],
  ['npx -y pnpm@10 install && npx -y pnpm@10 test    # runs the tests', 'the test suite itself: .ci/run runs pnpm test'],
  ['pnpm demo                                   # 40 epochs at most per run', 'the full two-run demo (minutes on 2 cores); its --quick form runs here and in pnpm examples'],
  ["pnpm install && pnpm build && pnpm -r --filter './packages/*' exec pnpm pack --pack-destination /tmp/anneal-tarballs", 'builds and packs every package into /tmp (the build is .ci/run\'s; packing was checked by hand with npm install of the tarballs)'],
  ['pnpm anneal serve --redis redis://localhost:6379 --consumer gpu-3 --claim-idle-ms 30000   # runs until SIGTERM', 'a worker that needs a Redis server and runs until stopped: pnpm test:redis runs anneal serve against a real redis-server'],
  ['pnpm anneal serve --redis redis://redis.internal:6379 --claim-idle-ms 30000', 'a worker on a Redis host of your own that runs until stopped: pnpm test:redis runs anneal serve against a real redis-server'],
  ['pnpm playground                                  # dev server (Vite), prints the local URL', 'a dev server that runs until stopped: pnpm test:browser builds the same app and drives it in Chromium'],
]);

/** Lines under `cd /path/to/your-project` happen in the reader's own project. */
export const inReadersProject = (command: string) => command.startsWith('cd /path/to/your-project');

export function readmeFiles(root: string): string[] {
  const under = (dir: string) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(join(root, dir, entry.name)).includes('README.md'))
      .map((entry) => join(dir, entry.name, 'README.md'));
  return ['README.md', ...under('packages'), ...under('examples'), 'docs/gallery/README.md'];
}

export function shellLines(root: string): ShellLine[] {
  const lines: ShellLine[] = [];
  for (const path of readmeFiles(root)) {
    const file = relative(root, join(root, path));
    const text = readFileSync(join(root, path), 'utf8');
    for (const match of text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
      const body = (match[1] as string).split('\n');
      const session = body.some((line) => line.startsWith('$ '));
      for (let i = 0; i < body.length; i++) {
        const line = body[i] as string;
        if (session) {
          if (!line.startsWith('$ ')) continue;
          const output: string[] = [];
          for (let j = i + 1; j < body.length && body[j] !== '' && !(body[j] as string).startsWith('$ '); j++) output.push(body[j] as string);
          lines.push({ file, command: line.slice(2), expected: output.join('\n') });
        } else if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
          lines.push({ file, command: line });
        }
      }
    }
  }
  return lines;
}
