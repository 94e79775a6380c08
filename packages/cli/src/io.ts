import { readFile } from 'node:fs/promises';
import { whileOpen } from './closed-pipe.js';

/** Where a command writes: `process.stdout` fits, and so does a test's collector. */
export interface Writer {
  write(text: string): unknown;
}

/**
 * Everything a command touches outside itself, passed in so tests run commands
 * in-process and check exactly what they printed.
 */
export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Reads a text file; the path `-` means standard input. */
  readonly readFile: (path: string) => Promise<string>;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The real process: its streams (writes stop once a reader closed the pipe) and file system. */
export const processIo: Io = {
  stdout: whileOpen(process.stdout),
  stderr: whileOpen(process.stderr),
  readFile: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
};
