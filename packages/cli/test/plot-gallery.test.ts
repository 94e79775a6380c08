import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readNamedSchedules } from '../src/plot/named-schedules.js';

// The gallery's configs are user-facing examples: each must stay a valid `anneal plot`
// input as the schedules evolve, not only when `pnpm gallery` happens to run.
const dir = fileURLToPath(new URL('../../../examples/gallery/', import.meta.url));
const io = { stdout: { write: () => true }, stderr: { write: () => true }, readFile: (path: string) => readFile(path, 'utf8') };
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));

describe('examples/gallery configs', () => {
  it('holds at least the 13 gallery configs', () => expect(files.length).toBeGreaterThanOrEqual(13));

  it.each(files)('%s builds every schedule it names, each finite and >= 0 over the charted range', async (file) => {
    const schedules = await readNamedSchedules(dir + file, io);
    expect(schedules.length).toBeGreaterThan(0);
    for (const { schedule } of schedules) {
      for (let step = 0; step < 15_000; step += 7) {
        const lr = schedule(step);
        // toBeGreaterThanOrEqual(0) alone lets +Infinity through.
        if (!(Number.isFinite(lr) && lr >= 0)) expect.fail(`${file}: lr ${lr} at step ${step}`);
      }
    }
  });
});
