import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnnealError } from '@anneal/core';
import { type AnyRuleDefinition, createDefaultRegistry, type RuleRegistry } from '@anneal/monitor';

/** A rule plugin as `defineRule` makes it: checked by shape, since it comes from the user's module. */
function isRuleDefinition(value: unknown): value is AnyRuleDefinition {
  if (value === null || typeof value !== 'object') return false;
  const rule = value as Record<string, unknown>;
  return (
    typeof rule.kind === 'string' &&
    typeof (rule.schema as { safeParse?: unknown } | undefined)?.safeParse === 'function' &&
    typeof rule.init === 'function' &&
    typeof rule.onObservation === 'function'
  );
}

/**
 * The built-in rules plus every rule plugin exported by the given ES modules (named
 * exports, a default export, or an array of them), so `anneal simulate` and
 * `anneal schema --monitor` know a user's rules exactly as the user's program does.
 */
export async function registryWithRuleModules(paths: readonly string[]): Promise<RuleRegistry> {
  const registry = createDefaultRegistry();
  for (const path of paths) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new AnnealError('INVALID_OPTIONS', `Cannot load --rules ${path}: ${(error as Error).message}`, [
        { path: '--rules', value: path, rule: 'must be an ES module that can be imported' },
      ]);
    }
    const rules = Object.values(module)
      .flatMap((exported) => (Array.isArray(exported) ? exported : [exported]))
      .filter(isRuleDefinition);
    if (rules.length === 0) {
      throw new AnnealError('INVALID_OPTIONS', `--rules ${path} exports no rule plugin (an object made by defineRule)`, [
        { path: '--rules', value: path, rule: 'must export at least one rule made by defineRule' },
      ]);
    }
    for (const rule of new Set(rules)) registry.register(rule);
  }
  return registry;
}
