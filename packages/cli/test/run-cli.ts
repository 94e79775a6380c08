import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, type Io, main } from '@anneal/cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `anneal` in-process, capturing what it prints; `stdin` answers the path `-`, and
 * `files` (in memory, `-` included) are found before the disk.
 */
export async function runCli(
  argv: string[],
  options: { stdin?: string; files?: Record<string, string>; commands?: Record<string, Command> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readFile: async (path) => {
      if (options.files !== undefined && Object.hasOwn(options.files, path)) return options.files[path] as string;
      if (path !== '-') return readFile(path, 'utf8');
      if (options.stdin === undefined) throw new Error('no stdin in this test');
      return options.stdin;
    },
  };
  const code = await main(argv, io, options.commands);
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'anneal-cli-test-'));
let count = 0;

/** Writes text (or JSON) to a fresh file under the OS temp dir and returns its path. */
export function tempFile(content: unknown, name = `config-${++count}.json`): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

export const tempDir = dir;
