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

describe('--rules: a plugin that throws gets one line naming the module and the rule', () => {
  const observations = [1, 1, 1, 1].map((loss) => JSON.stringify({ metrics: { loss } })).join('\n');
  const monitor = (rule: Record<string, unknown>) => tempFile({ initialLearningRate: 0.1, metric: 'loss', rules: [rule] });
  const simulate = (rule: Record<string, unknown>, module: string) =>
    runCli(['simulate', monitor(rule), '--metrics', tempFile(observations, 'throwing.jsonl'), '--rules', fixture(module)]);

  /** Exit 1 and exactly one line on stderr, naming the module, without a stack frame. */
  function expectOneLine(result: { code: number; stderr: string }, module: string): string {
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(module);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    return lines[0] as string;
  }

  it('at import: the module and the first line of its error', async () => {
    const line = expectOneLine(await simulate({ kind: 'plateau' }, 'throws-at-import.mjs'), 'throws-at-import.mjs');
    expect(line).toMatch(/Cannot load --rules .*: Error: cannot start: missing setting$/);
  });

  it('while its exports are read (a throwing getter)', async () => {
    const line = expectOneLine(await simulate({ kind: 'plateau' }, 'throwing-getter.mjs'), 'throwing-getter.mjs');
    expect(line).toMatch(/threw while its exports were read: Error: kind getter exploded$/);
  });

  it('when its schema cannot become part of a monitor config (not a zod object), in simulate and in schema', async () => {
    const line = expectOneLine(await simulate({ kind: 'plateau' }, 'not-zod-schema.mjs'), 'not-zod-schema.mjs');
    expect(line).toContain('rule "fakeSchema" threw when its schema was used in a monitor config: TypeError');
    expectOneLine(await runCli(['schema', '--monitor', '--rules', fixture('not-zod-schema.mjs')]), 'not-zod-schema.mjs');
  });

  it('while validating its options (a refinement that throws)', async () => {
    const line = expectOneLine(await simulate({ kind: 'refineThrows', limit: 13 }, 'throwing-rules.mjs'), 'throwing-rules.mjs');
    expect(line).toMatch(/rule "refineThrows" threw while validating the config: TypeError: unlucky limit$/);
    // The same module with options its refinement accepts runs.
    const fine = await simulate({ kind: 'refineThrows', limit: 12 }, 'throwing-rules.mjs');
    expect(fine.code).toBe(0);
  });

  it('while validating its options in anneal validate too (not a stack trace)', async () => {
    const config = tempFile({ initialLearningRate: 0.1, metric: 'loss', rules: [{ kind: 'refineThrows', limit: 13 }] });
    const line = expectOneLine(await runCli(['validate', config, '--rules', fixture('throwing-rules.mjs')]), 'throwing-rules.mjs');
    expect(line).toMatch(/rule "refineThrows" threw while validating the config: TypeError: unlucky limit$/);
  });

  it.each([
    ['returns no outcome', 'forgetsToReturn', /rules\.forgetsToReturn\.onObservation: must return an object/],
    ['proposes an unknown change', 'halves', /rules\.halves\.type: must be one of "drop", "raise", "restart", "stop" \(got "halve"\)/],
  ])('one that %s: one line blaming the rule, at its log line (not the log, not a stack trace)', async (_what, kind, rule) => {
    const result = await simulate({ kind }, 'throwing-rules.mjs');
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(rule);
    expect(lines[0]).toContain(`rule "${kind}"`);
    expect(lines[0]).not.toMatch(/^anneal simulate: Invalid metrics log/);
    expect(lines[0]).toMatch(/\(metrics log ".*throwing\.jsonl", line 1\)$/);
  });

  it('in init', async () => {
    const line = expectOneLine(await simulate({ kind: 'initThrows' }, 'throwing-rules.mjs'), 'throwing-rules.mjs');
    expect(line).toMatch(/rule "initThrows" threw in init: RangeError: no state today$/);
  });

  it('in onObservation: the lines replayed before it stand, and the message names the log line', async () => {
    const result = await simulate({ kind: 'observeThrows' }, 'throwing-rules.mjs');
    const line = expectOneLine(result, 'throwing-rules.mjs');
    expect(line).toMatch(/rule "observeThrows" threw in onObservation: a thrown string \(metrics log ".*throwing\.jsonl", line 3\)$/);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('--rules: errors keep what they wrap', () => {
  it('a plugin that throws: the AnnealError keeps the thrown value as its cause', async () => {
    const { pluginError } = await import('../src/rule-modules.js');
    const thrown = new TypeError('boom');
    const error = pluginError('rules.mjs', 'exploding', 'on an observation', thrown);
    expect(error.message).toBe('--rules rules.mjs: rule "exploding" threw on an observation: TypeError: boom');
    expect(error.cause).toBe(thrown);
  });
});
