import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMonitor, createMonitor } from '@anneal/monitor';

// The README's examples are what a new user copies first: they must stay valid.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);

describe('README', () => {
  it('opens with a quick start of two commands: the demo and the tests', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const commands = (blocks('sh')[0] ?? '').trim().split('\n');
    expect(quickStart.indexOf('```sh')).toBeGreaterThan(0);
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/pnpm@10 install && npx -y pnpm@10 demo/);
    expect(commands[1]).toMatch(/pnpm@10 install && npx -y pnpm@10 test/);
  });

  it('shows a monitor config that validates and runs', () => {
    const [config] = blocks('json');
    const monitor = createMonitor(JSON.parse(config as string));
    const decisions = [0.9, 0.8, 2.5].flatMap((v, i) => monitor.observe({ step: (i + 1) * 100, metrics: { val_loss: v } }));
    // 2.5 against a best of 0.8 is a relative worsening of 2.1 ≥ trigger 0.25: severityDrop fires.
    expect(decisions.some((d) => d.type === 'drop' && d.rule === 'severityDrop')).toBe(true);
    expect(() => compileMonitor(JSON.parse(config as string))).not.toThrow();
  });
});
