import { AnnealError } from '@anneal/core';
import { fileName, unreadableFile } from './file-errors.js';
import type { Io } from './io.js';

export { fileName } from './file-errors.js';

/**
 * Reads and parses a JSON file (`-` for stdin). An unreadable file is an `IO` error
 * (`unreadableFile`, worded as for a metrics log) and bad JSON an `INVALID_CONFIG` one
 * (exit 1), never a stack trace; a UTF-8 byte-order mark (as Windows editors write) is skipped. Typed like `JSON.parse`: every caller
 * validates what it gets (`parseScheduleConfig`, `parseMonitorConfig`).
 */
// biome-ignore lint: JSON.parse's own result type; validated by each caller.
export async function readJsonFile(path: string, io: Io): Promise<any> {
  const name = fileName(path);
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    throw unreadableFile('JSON file', path, error);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new AnnealError('INVALID_CONFIG', {
      subject: `JSON file ${name}`,
      issues: [{ path: '(text)', value: body.slice(0, 40), rule: `must be valid JSON: ${(error as Error).message}` }],
      cause: error,
    });
  }
}
