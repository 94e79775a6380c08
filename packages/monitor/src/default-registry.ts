import type { BuiltinRule } from './config-types.js';
import type { AnyRuleDefinition } from './define-rule.js';
import { createRegistry, type RuleRegistry } from './registry.js';
import { builtinRules } from './rules/index.js';

/**
 * A fresh registry holding the built-in rules and the given ones (typed: configs for this
 * registry may name them); `register` adds more at run time.
 *
 * @example
 * const registry = createDefaultRegistry([targetReached]);
 * const monitor = createMonitor({ initialLearningRate: 0.1, metric: 'val_acc', rules: [{ kind: 'targetReached', target: 0.9 }] }, { registry });
 */
export function createDefaultRegistry<const D extends readonly AnyRuleDefinition[] = []>(
  rules: D = [] as unknown as D,
): RuleRegistry<BuiltinRule | D[number]> {
  return createRegistry([...(builtinRules as readonly BuiltinRule[]), ...rules]);
}
