import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './run-cli.js';

/** Every `const` of a `kind` property anywhere in a JSON Schema. */
function kindsIn(schema: unknown): Set<string> {
  const kinds = new Set<string>();
  JSON.stringify(schema, (key, value: unknown) => {
    if (key === 'kind' && typeof value === 'object' && value !== null && 'const' in value) {
      kinds.add(String((value as { const: unknown }).const));
    }
    return value;
  });
  return kinds;
}

describe('anneal schema --monitor', () => {
  it('prints the draft 2020-12 JSON Schema of monitor configs, listing every built-in rule and the schedule kinds', async () => {
    const { code, stdout, stderr } = await runCli(['schema', '--monitor']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { $schema: string; title: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('anneal monitor config');
    expect(schema.required).toEqual(['metric']);
    const kinds = kindsIn(schema);
    for (const kind of ['plateau', 'severityDrop', 'warmRestart', 'nanGuard', 'earlyStop', 'exponentialDecay', 'warmup']) {
      expect(kinds).toContain(kind);
    }
  });

  it('leaves plain `anneal schema` printing the schedule schema, without monitor rules', async () => {
    const { code, stdout } = await runCli(['schema']);
    expect(code).toBe(0);
    expect(kindsIn(JSON.parse(stdout))).not.toContain('plateau');
  });

  it('describes a config that anneal simulate accepts, "$schema" pointer included', async () => {
    const config = {
      $schema: './monitor.schema.json',
      initialLearningRate: 0.1,
      metric: 'val_loss',
      rules: [{ kind: 'plateau', patience: 1 }],
    };
    const log = '{"metrics":{"val_loss":1}}\n{"metrics":{"val_loss":1}}\n';
    const { code, stdout, stderr } = await runCli(['simulate', tempFile(config), '--metrics', tempFile(log, 'run.jsonl')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});
