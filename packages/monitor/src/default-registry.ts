import { createRegistry, type RuleRegistry } from './registry.js';
import { builtinRules } from './rules/index.js';

/**
 * A fresh registry holding the built-in rules; register your own on it.
 *
 * @example
 * const registry = createDefaultRegistry();
 * const unregister = registry.register(targetReached);
 * const monitor = createMonitor(config, { registry });
 */
export function createDefaultRegistry(): RuleRegistry {
  return createRegistry(builtinRules);
}
