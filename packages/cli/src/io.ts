import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { whileOpen } from './closed-pipe.js';
import { paced } from './paced-reading.js';

/** Where a command writes: `process.stdout` fits, and so does a test's collector. */
export interface Writer {
  write(text: string): unknown;
  /** Resolves once what was written has been taken (backpressure); a test's collector needs none. */
  drained?(): Promise<void>;
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
  /**
   * Reads a text file as it arrives, in chunks (a metrics log of millions of lines is
   * never held whole); each call reads it from the start. Without it, `readFile` is used.
   * Not called for `-`: standard input can be read once only.
   */
  readonly readStream?: ((path: string) => AsyncIterable<string>) | undefined;
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
  // Paced by stdout: a log replayed to a slow reader is read no faster than it is printed.
  readStream: (path) => paced(createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }), process.stdout),
};
