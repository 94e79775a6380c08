import { readFileSync } from 'node:fs';
import * as core from '@anneal/core';
import * as loop from '@anneal/loop';
import * as monitor from '@anneal/monitor';
import { describe, expect, it } from 'vitest';

// CONVENTIONS 6: each symbol has one import path; an adapter does not re-export core or monitor.
describe('@anneal/loop exports', () => {
  it('exports nothing that @anneal/core or @anneal/monitor export', () => {
    const upstream = new Set([...Object.keys(core), ...Object.keys(monitor)]);
    expect(Object.keys(loop).filter((name) => upstream.has(name))).toEqual([]);
  });

  it('names every runtime export in the README’s Exports section', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Exports'));
    expect(section.length).toBeLessThan(readme.length);
    expect(Object.keys(loop).filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
  });
});
