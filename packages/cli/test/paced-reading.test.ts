import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { paced } from '../src/paced-reading.js';

/** An output stream whose backlog the test controls, as Node's Writable reports it. */
class FakeOutput extends EventEmitter {
  writableNeedDrain = false;
  destroyed = false;
}

async function* chunks(...texts: string[]) {
  yield* texts;
}

describe('paced: a log is read no faster than its replay is printed', () => {
  it('hands out the next chunk only after the output drained its backlog', async () => {
    const output = new FakeOutput();
    const reader = paced(chunks('a', 'b', 'c'), output);
    expect((await reader.next()).value).toBe('a');
    output.writableNeedDrain = true; // the reader of our output is slow
    let second: string | undefined;
    const pending = reader.next().then((r) => (second = r.value as string));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBeUndefined();
    output.writableNeedDrain = false;
    output.emit('drain');
    await pending;
    expect(second).toBe('b');
    expect((await reader.next()).value).toBe('c');
    expect(output.listenerCount('drain') + output.listenerCount('close') + output.listenerCount('error')).toBe(0);
  });

  it('goes on when the output closes or fails instead of draining (the closed-pipe handler ends the process)', async () => {
    for (const event of ['close', 'error'] as const) {
      const output = new FakeOutput();
      output.writableNeedDrain = true;
      const reader = paced(chunks('a', 'b'), output);
      const first = reader.next();
      await new Promise((resolve) => setTimeout(resolve, 10));
      output.emit(event);
      expect((await first).value).toBe('a');
    }
  });

  it('reads a destroyed output’s input straight through', async () => {
    const output = new FakeOutput();
    output.writableNeedDrain = true;
    output.destroyed = true;
    const all: string[] = [];
    for await (const chunk of paced(chunks('a', 'b'), output)) all.push(chunk);
    expect(all).toEqual(['a', 'b']);
  });
});
