import { type DrainingStream, whenDrained } from './paced-reading.js';

/**
 * What a Unix tool does when its reader goes away (`anneal eval … | head -c 10`): stop
 * writing and end quietly, here with status 0. Node would otherwise throw the stream's
 * EPIPE as an "Unhandled 'error' event" with a stack trace.
 *
 * The error reaches the stream's listeners a tick after the failed write, while a
 * command may still be producing output, so `whileOpen` drops writes to a stream
 * already closed (Node destroys it at once), and the listener exits the process.
 *
 * Any other write error ends the process with status 1 after one line to `complain`.
 *
 * @example endQuietlyOnClosedPipe(process.stdout, (code) => process.exit(code))
 */
export function endQuietlyOnClosedPipe(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void,
  complain: (line: string) => void = () => {},
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return exit(0);
    // Any other failure to write (a full disk) is one line and status 1, not a stack.
    complain(`anneal: cannot write output: ${error.code ?? error.message}\n`);
    exit(1);
  });
}

/** A writer over `stream` that drops what comes after the stream was closed (see above). */
export function whileOpen(stream: NodeJS.WritableStream & DrainingStream) {
  return {
    write(text: string): unknown {
      return stream.destroyed === true ? false : stream.write(text);
    },
    drained: () => whenDrained(stream),
  };
}
