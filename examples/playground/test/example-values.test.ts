// Picking a kind in the form starts from a config anneal accepts, so the curve (or the
// replay) appears at once: every schedule kind and every rule of the JSON Schemas.
import { parseScheduleConfig, scheduleJsonSchema } from '@anneal/core';
import { createMonitor, type MonitorConfigInput, monitorJsonSchema } from '@anneal/monitor';
import { expect, test } from 'vitest';
import { exampleOfKind, exampleValue } from '../src/example-values.js';
import { type JsonSchema, kindVariants, resolve } from '../src/json-schema.js';

const scheduleSchema = scheduleJsonSchema() as JsonSchema;
const monitorSchema = monitorJsonSchema() as JsonSchema;
const schedules = kindVariants(resolve(scheduleSchema, scheduleSchema)) ?? new Map<string, JsonSchema>();
const rules = kindVariants(monitorSchema.properties?.rules?.items ?? {}) ?? new Map<string, JsonSchema>();

test('the schemas list the kinds (the form has something to offer)', () => {
  expect(schedules.size).toBeGreaterThan(30);
  expect([...schedules.keys()]).toEqual(expect.arrayContaining(['cosineDecay', 'warmup', 'sequence', 'product']));
  expect([...rules.keys()]).toEqual(expect.arrayContaining(['plateau', 'earlyStop']));
});

test.each([...schedules.keys()])('the starting config of schedule kind %s is valid', (kind) => {
  const config = exampleOfKind(kind, schedules.get(kind) as JsonSchema, scheduleSchema);
  expect(() => parseScheduleConfig(config)).not.toThrow();
});

test.each([...rules.keys()])('a monitor with a starting %s rule is valid', (kind) => {
  const rule = exampleOfKind(kind, rules.get(kind) as JsonSchema, monitorSchema);
  const base = exampleValue(monitorSchema, monitorSchema) as Record<string, unknown>;
  expect(() => createMonitor({ ...base, initialLearningRate: 0.1, rules: [rule] } as unknown as MonitorConfigInput)).not.toThrow();
});
