import { writeFile } from 'node:fs/promises';
import { AnnealError } from '@anneal/core';
import type { Io } from '../io.js';

/**
 * Writes a chart or spec to `path` (`-` is standard output). A file that cannot be
 * written (missing folder, no permission) is an `AnnealError` naming the option, so
 * the command exits 1 with a sentence instead of a stack trace.
 *
 * @example await writeOutput('chart.svg', svg, io, '--output')
 */
export async function writeOutput(path: string, text: string, io: Io, option: string): Promise<void> {
  if (path === '-') {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AnnealError('INVALID_CONFIG', `${option}: cannot write "${path}" (${reason})`, [
      { path: option, value: path, rule: 'must be a writable file path' },
    ]);
  }
}
