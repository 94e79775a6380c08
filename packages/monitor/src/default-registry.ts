import { createRegistry, type RuleRegistry } from './registry.js';
import { builtinRules } from './rules/index.js';

/** A fresh registry holding the built-in rules; register your own on it. */
export function createDefaultRegistry(): RuleRegistry {
  return createRegistry(builtinRules);
}
