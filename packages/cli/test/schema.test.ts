import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('anneal schema', () => {
  it('prints a draft 2020-12 JSON Schema whose union lists the schedule and combinator kinds', async () => {
    const { code, stdout, stderr } = await runCli(['schema']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // Every kind appears as a `const` somewhere in the schema; collect them.
    const kinds = new Set<string>();
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === 'kind' && typeof value === 'object' && value !== null && 'const' in value) {
        kinds.add(String((value as { const: unknown }).const));
      }
      return value;
    });
    for (const kind of ['exponentialDecay', 'sequence', 'warmup', 'clamp', 'shift', 'product']) expect(kinds).toContain(kind);
  });

  it('rejects an argument with exit 2', async () => {
    const { code, stderr } = await runCli(['schema', 'extra']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unexpected argument "extra"/);
  });
});
