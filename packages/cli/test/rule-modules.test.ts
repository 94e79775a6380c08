import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempFile } from './run-cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const config = { initialLearningRate: 0.1, metric: 'val_loss', rules: [{ kind: 'targetReached', target: 0.5 }] };
const log = [0.9, 0.7, 0.5, 0.4].map((val_loss, i) => JSON.stringify({ step: i + 1, metrics: { val_loss } })).join('\n');

describe('--rules: a user rule module', () => {
  it('lets anneal simulate run a config that uses the module’s rule, which stops at the target', async () => {
    const { code, stdout, stderr } = await runCli(['simulate', tempFile(config), '--metrics', tempFile(log, 'run.jsonl'), '--rules', fixture('target-reached.mjs')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { events: Array<{ type: string; rule: string }> }).events);
    expect(events[2]).toEqual([{ type: 'stop', rule: 'targetReached', reason: 'reached the target 0.5' }]);
    expect(events.slice(0, 2).flat()).toEqual([]);
  });

  it('is needed: without it the unknown kind is an invalid config naming rules[0].kind', async () => {
    const { code, stderr } = await runCli(['simulate', tempFile(config), '--metrics', tempFile(log, 'run.jsonl')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/rules\[0\]\.kind/);
  });

  it('adds the module’s rules to anneal schema --monitor', async () => {
    const { code, stdout } = await runCli(['schema', '--monitor', '--rules', fixture('target-reached.mjs')]);
    expect(code).toBe(0);
    expect(stdout).toContain('"targetReached"');
    expect((await runCli(['schema', '--monitor'])).stdout).not.toContain('"targetReached"');
  });

  it('refuses a module that exports no rule (exit 1) and --rules without --monitor on schema (exit 2)', async () => {
    const none = await runCli(['simulate', tempFile(config), '--metrics', tempFile(log, 'run.jsonl'), '--rules', fixture('no-rules.mjs')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no-rules\.mjs exports no rule plugin/);
    const missing = await runCli(['simulate', tempFile(config), '--metrics', tempFile(log, 'run.jsonl'), '--rules', fixture('absent.mjs')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot load --rules/);
    expect((await runCli(['schema', '--rules', fixture('target-reached.mjs')])).code).toBe(2);
  });
});
