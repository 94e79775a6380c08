/** What `paced` needs of the output stream: Node's Writable has it. */
export interface DrainingStream {
  readonly writableNeedDrain?: boolean;
  readonly destroyed?: boolean;
  on(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

/**
 * The chunks of `input`, each one handed out only once `output` has taken what was
 * written before (backpressure). A command that replays a long log writes as it reads;
 * Node queues writes to a pipe without limit, so a slow reader (`anneal simulate … |
 * slow`) would otherwise hold the whole output in memory. The next chunk also comes
 * when the output closes or fails (closed-pipe.ts then ends the process).
 *
 * @example readStream: (path) => paced(createReadStream(path, { encoding: 'utf8' }), process.stdout)
 */
export async function* paced(input: AsyncIterable<string>, output: DrainingStream): AsyncGenerator<string> {
  for await (const chunk of input) {
    await whenDrained(output);
    yield chunk;
  }
}

/**
 * Resolves once `output` has taken what was written before (at once when it holds no
 * backlog), or when it closes or fails: a command awaits it between chunks it writes.
 */
export function whenDrained(output: DrainingStream): Promise<void> {
  if (output.writableNeedDrain !== true || output.destroyed === true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}
