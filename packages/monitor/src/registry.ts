import { AnnealError } from '@anneal/core';
import type { AnyRuleDefinition } from './define-rule.js';

/**
 * The rule kinds a monitor knows. A registry is a value passed to the monitor,
 * never global: two monitors in one process can know different rules. `R` is the
 * rules it was created with, by type: configs for it are typed with them
 * (`createRegistry([plateau, targetReached])`). `register` adds a rule at run time,
 * which the type cannot follow: create the registry with its rules to have them typed.
 */
export interface RuleRegistry<R extends AnyRuleDefinition = AnyRuleDefinition> {
  get(kind: string): R | undefined;
  /** Every registered rule, in registration order. */
  list(): readonly R[];
  /** Adds a rule kind; returns a disposer that removes it again. */
  register(definition: AnyRuleDefinition): () => void;
}

/**
 * A registry holding the given rules (and nothing else: see `createDefaultRegistry`).
 *
 * @example const registry = createRegistry([plateau, earlyStop]); // a project that allows only these
 */
export function createRegistry<const D extends readonly AnyRuleDefinition[] = []>(
  definitions: D = [] as unknown as D,
): RuleRegistry<D[number]> {
  const byKind = new Map<string, D[number]>();
  const registry: RuleRegistry<D[number]> = {
    get: (kind) => byKind.get(kind),
    list: () => [...byKind.values()],
    register(definition) {
      if (byKind.has(definition.kind)) {
        const rule = 'must be unique in a registry (this kind is already registered)';
        throw new AnnealError('INVALID_OPTIONS', { subject: 'rule definition', issues: [{ path: 'kind', value: definition.kind, rule }] });
      }
      byKind.set(definition.kind, definition);
      return () => {
        if (byKind.get(definition.kind) === definition) byKind.delete(definition.kind);
      };
    },
  };
  for (const definition of definitions) registry.register(definition);
  return registry;
}
