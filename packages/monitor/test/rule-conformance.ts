// The conformance suite every rule plugin runs (built-in or a user's): the checks are
// exported by @anneal/monitor (ruleConformance); this file runs them under vitest and
// re-exports the replay helpers the rule tests use.
import { describe, it } from 'vitest';
import { type AnyRuleDefinition, type ConformanceSpec, conformanceConfig, replay, ruleConformance } from '@anneal/monitor';

export type { ConformanceSpec, ReplayRow } from '@anneal/monitor';
export { replay };

/** A monitor config with one or more rules over the metric "loss". */
export const monitorConfig = conformanceConfig;

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** True when `value` survives JSON unchanged and holds no NaN, ±Infinity or undefined. */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object') {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(isPlainJson);
  }
  return false;
}

/** Runs the shared checks for one rule plugin, one test each. */
export function describeRuleConformance(definition: AnyRuleDefinition, spec: ConformanceSpec): void {
  describe(`${definition.kind}: rule conformance`, () => {
    for (const check of ruleConformance(definition, spec)) it(check.name, check.run);
  });
}
