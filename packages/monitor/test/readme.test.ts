// The package README is the reference users read: its configs must validate, and its
// option tables must list exactly the options and defaults the schemas have.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as monitorPackage from '@anneal/monitor';
import { builtinRules, compileMonitor, createMonitor, monitorJsonSchema, parseMonitorConfig } from '@anneal/monitor';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const jsonBlocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string) as Record<string, unknown>);

/** The text from a heading line to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading ${heading}`);
  const level = (heading.match(/^#+/) as RegExpMatchArray)[0];
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/** The rows of the `| option | default | meaning |` table in a section: name → default cell. */
function optionTable(text: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of text.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)) rows.set(match[1] as string, (match[2] as string).trim());
  return rows;
}

type JsonSchemaObject = { properties: Record<string, { default?: unknown }>; required?: string[] };

/** What the default cell must say for a property: its default as JSON, "required", or "—". */
function expectedCell(schema: JsonSchemaObject, name: string): string {
  const property = schema.properties[name] as { default?: unknown };
  if ('default' in property) return `\`${JSON.stringify(property.default)}\``;
  return schema.required?.includes(name) ? 'required' : '—';
}

function sameDefault(cell: string, expected: string): boolean {
  if (expected.startsWith('`') && cell.startsWith('`')) return JSON.stringify(JSON.parse(cell.slice(1, -1))) === expected.slice(1, -1);
  return cell === expected;
}

const jsonSchema = monitorJsonSchema() as unknown as JsonSchemaObject & {
  properties: { rules: { items: { oneOf: JsonSchemaObject[] } } };
};

describe('packages/monitor/README.md', () => {
  it('shows configs and rule entries that all validate against the built-in rules', () => {
    expect(jsonBlocks.length).toBeGreaterThanOrEqual(6);
    for (const block of jsonBlocks) {
      const config = 'kind' in block ? { initialLearningRate: 0.1, metric: 'loss', rules: [block] } : block;
      expect(() => compileMonitor(config)).not.toThrow();
    }
  });

  it('shows a full config whose rules act as described (torch plateau, patience 10)', () => {
    const full = jsonBlocks.find((block) => 'metric' in block) as Record<string, unknown>;
    const monitor = createMonitor(parseMonitorConfig(full));
    for (let i = 0; i < 11; i++) monitor.observe({ metrics: { val_loss: 1 } });
    expect(monitor.lr).toBe(0.1);
    const decisions = monitor.observe({ metrics: { val_loss: 1 } }); // the 11th bad evaluation in a row
    expect(decisions.find((d) => d.type === 'drop')).toMatchObject({ rule: 'plateau', to: 0.1 * 0.1 });
  });

  it('lists every top-level config field with its default', () => {
    const table = optionTable(section('## Config'));
    expect([...table.keys()].sort()).toEqual(Object.keys(jsonSchema.properties).sort());
    for (const [name, cell] of table) expect(sameDefault(cell, expectedCell(jsonSchema, name)), `${name}: ${cell}`).toBe(true);
  });

  it.each(builtinRules.map((rule) => rule.kind))('lists every option of %s with its default', (kind) => {
    const member = jsonSchema.properties.rules.items.oneOf.find(
      (m) => (m.properties.kind as { const?: string }).const === kind,
    ) as JsonSchemaObject;
    const options = Object.keys(member.properties).filter((name) => name !== 'kind' && name !== 'name');
    const table = optionTable(section(`### \`${kind}\``));
    expect([...table.keys()].sort()).toEqual(options.sort());
    for (const [name, cell] of table) expect(sameDefault(cell, expectedCell(member, name)), `${kind}.${name}: ${cell}`).toBe(true);
  });

  it('states the rate formula and the precedence rule', () => {
    expect(readme).toContain('lr(t) = clamp( scale · base((t − origin) / stretch), minLr, maxLr )');
    expect(section('## Rules')).toMatch(/stop beats\s+restart beats drop beats raise, and among drops the strongest/);
  });

  it('names every runtime export of the package in its Exports section', () => {
    const exports = section('## Exports');
    for (const name of Object.keys(monitorPackage)) expect(exports, name).toMatch(new RegExp(`\`${name}\``));
  });
});
