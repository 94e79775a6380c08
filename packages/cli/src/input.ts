import { AnnealError } from '@anneal/core';
import type { Io } from './io.js';

/**
 * Reads and parses a JSON file (`-` for stdin; a leading UTF-8 BOM is dropped). An unreadable file or bad JSON is
 * invalid input, so it becomes an `AnnealError` (exit 1), never a stack trace.
 */
export async function readJsonFile(path: string, io: Io): Promise<unknown> {
  const name = path === '-' ? 'standard input' : `"${path}"`;
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AnnealError('INVALID_CONFIG', `Cannot read ${name}: ${describeReadError(reason)}`, [
      { path: '', value: path, rule: 'must be a readable file' },
    ]);
  }
  try {
    // A UTF-8 byte-order mark (Windows editors write one) is not part of the JSON.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new AnnealError('INVALID_CONFIG', `${name} is not valid JSON: ${(error as Error).message}`, [
      { path: '', value: path, rule: 'must hold valid JSON' },
    ]);
  }
}

function describeReadError(code: string): string {
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EISDIR') return 'it is a directory (EISDIR)';
  if (code === 'EACCES') return 'permission denied (EACCES)';
  return code;
}
