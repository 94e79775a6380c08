import { writeFile } from 'node:fs/promises';
import { unwritableFile } from '../file-errors.js';
import type { Io } from '../io.js';

/**
 * Writes a chart or spec to `path` (`-` is standard output). A file that cannot be
 * written (missing folder, no permission) is an `IO` error naming the option, so
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
    throw unwritableFile(option, path, error);
  }
}
