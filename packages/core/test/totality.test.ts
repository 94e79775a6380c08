import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromConfig, scheduleJsonSchema, scheduleKinds, scheduleSchema, parseScheduleConfig } from '@anneal/core';
import { arbitraryFromJsonSchema, type JsonSchema } from './json-schema-arbitrary.js';

// The promise of every schedule (schedule.ts): finite and >= 0 for every finite step >= 0 and
// every config the schema accepts. Configs are drawn from the published JSON Schema itself, so a
// new kind or option is covered as soon as it is in the schema; drawn configs that break a
// cross-field rule the JSON Schema cannot express are refused by zod and skipped.
const root = scheduleJsonSchema() as JsonSchema;
const union = (root.$defs as Record<string, JsonSchema>).ScheduleConfig as JsonSchema;
const members = union.oneOf as JsonSchema[];
const kindOf = (member: JsonSchema) => ((member.properties as Record<string, JsonSchema>).kind as JsonSchema).const as string;

const steps = [
  0, Number.MIN_VALUE, 1e-300, 0.5, 1, 2, 3, 99.5, 100, 1000, 1e6, 1e9, 1e12, 2 ** 53, 1e100, 1e200, 1e300, 1e307, 1e308,
  Number.MAX_VALUE / 2, Number.MAX_VALUE,
];

/** Every number in a config, and its neighbours: steps at a schedule's own boundaries. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') {
    for (const x of [value, value - 1, value + 1, value * 2, value / 2]) if (Number.isFinite(x) && x >= 0) out.push(x);
  } else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

const valid = (config: unknown) => scheduleSchema.safeParse(config).success;

// CI-sized, on the suite's fixed seed (test/setup/fast-check-seed.ts); FC_SEED / TOTALITY_RUNS explore further locally.
const numRuns = Number(process.env.TOTALITY_RUNS ?? 150);

describe('every schedule and combinator is total over configs drawn from its JSON Schema', () => {
  it('draws from a JSON Schema that holds every kind', () => {
    expect(members.map(kindOf).sort()).toEqual([...scheduleKinds].sort());
  });

  it.each(members.map((member) => [kindOf(member), member] as const))('%s: finite and >= 0 from step 0 to Number.MAX_VALUE', (kind, member) => {
    // Depth 2: a combinator's children may be combinators whose children are schedules.
    const configs = arbitraryFromJsonSchema(root, member, 2).filter(valid);
    const randomSteps = fc.array(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), { maxLength: 8 });
    fc.assert(
      fc.property(configs, randomSteps, (config, extra) => {
        const lr = fromConfig(parseScheduleConfig(config));
        for (const step of [...steps, ...numbersIn(config), ...extra]) {
          const value = lr(step);
          if (!(Number.isFinite(value) && value >= 0)) {
            expect.fail(`${kind} gave ${value} at step ${step} for ${JSON.stringify(config)}`);
          }
        }
      }),
      { numRuns },
    );
  });
});
