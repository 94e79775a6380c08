import { AnnealError } from '@anneal/core';
import type { Io } from './io.js';

/** How messages name a file argument (`-` is standard input). */
export function fileName(path: string): string {
  return path === '-' ? 'standard input' : `"${path}"`;
}

/**
 * Reads and parses a JSON file (`-` for stdin). An unreadable file is an `IO` error and
 * bad JSON an `INVALID_CONFIG` one (exit 1), never a stack trace; a UTF-8 byte-order
 * mark (as Windows editors write) is skipped. Typed like `JSON.parse`: every caller
 * validates what it gets (`parseScheduleConfig`, `parseMonitorConfig`).
 */
// biome-ignore lint: JSON.parse's own result type; validated by each caller.
export async function readJsonFile(path: string, io: Io): Promise<any> {
  const name = fileName(path);
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AnnealError('IO', `Cannot read ${name}: ${describeReadError(reason)}`, [
      { path: '', value: path, rule: 'must be a readable file' },
    ], { cause: error });
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new AnnealError('INVALID_CONFIG', `${name} is not valid JSON: ${(error as Error).message}`, [
      { path: '', value: path, rule: 'must hold valid JSON' },
    ], { cause: error });
  }
}

function describeReadError(code: string): string {
  if (code === 'ENOENT') return 'no such file (ENOENT)';
  if (code === 'EISDIR') return 'it is a directory (EISDIR)';
  if (code === 'EACCES') return 'permission denied (EACCES)';
  return code;
}
