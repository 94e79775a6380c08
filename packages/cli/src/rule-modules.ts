import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AnnealError } from '@anneal/core';
import { type AnyRuleDefinition, createDefaultRegistry, createRegistry, monitorConfigSchema, type RuleRegistry } from '@anneal/monitor';
import { slope } from '@anneal/monitor/slope';

/** The functions of a rule plugin the monitor calls; each is guarded (see `guardRule`). */
const hooks = ['init', 'onObservation', 'screen', 'onApplied'] as const;

/** Errors raised for a throwing plugin, so a command can tell them from bad input. */
const pluginErrors = new WeakSet<AnnealError>();

interface LoadedRule {
  readonly path: string;
  readonly rule: AnyRuleDefinition;
}

/** The plugins each registry made here got, with their modules, to blame the right one. */
const loadedRules = new WeakMap<RuleRegistry, LoadedRule[]>();

/**
 * The rules the CLI knows without `--rules`: the monitor's default registry plus `slope`,
 * which lives in its own entry point (`@anneal/monitor/slope`) only to keep the t
 * distribution out of browser bundles; the CLI runs on Node, where that does not matter.
 */
export function createCliRegistry(): RuleRegistry {
  const registry = createDefaultRegistry();
  registry.register(slope);
  return registry;
}

/** True for the error of a `--rules` plugin that threw (see `registryWithRuleModules`). */
export function isRulePluginError(error: unknown): error is AnnealError {
  return error instanceof AnnealError && pluginErrors.has(error);
}

/** The first line of whatever was thrown: a message for one line of stderr, never a stack. */
export function describeThrown(thrown: unknown): string {
  let text: string;
  try {
    text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  } catch {
    text = 'an unprintable value';
  }
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}

/**
 * The one-line error of a plugin that threw: the module, the rule and what it was doing.
 *
 * @example pluginError('rules.mjs', 'targetReached', 'onObservation', new Error('boom'))
 * // --rules rules.mjs: rule "targetReached" threw in onObservation: Error: boom
 */
export function pluginError(path: string, kind: string | undefined, stage: string, thrown: unknown): AnnealError {
  const rule = kind === undefined ? '' : ` rule "${kind}"`;
  const error = new AnnealError('INVALID_OPTIONS', `--rules ${path}:${rule} threw ${stage}: ${describeThrown(thrown)}`, [
    { path: '--rules', value: path, rule: 'a rule plugin must not throw' },
  ], { cause: thrown });
  pluginErrors.add(error);
  return error;
}

/** Reads a plugin's members once, so a throwing getter is caught here rather than later. */
function readRule(value: unknown, path: string): AnyRuleDefinition | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  let copy: Record<string, unknown>;
  try {
    const rule = value as Record<string, unknown>;
    copy = { kind: rule.kind, schema: rule.schema, stateSchema: rule.stateSchema };
    for (const hook of hooks) copy[hook] = rule[hook];
  } catch (error) {
    throw pluginError(path, undefined, 'while its exports were read', error);
  }
  const isRule =
    typeof copy.kind === 'string' &&
    typeof (copy.schema as { safeParse?: unknown } | undefined)?.safeParse === 'function' &&
    typeof copy.init === 'function' &&
    typeof copy.onObservation === 'function';
  return isRule ? (copy as unknown as AnyRuleDefinition) : undefined;
}

/**
 * The plugin with each hook wrapped: an exception becomes the one-line AnnealError of
 * `pluginError`, naming the module and the rule, instead of a stack trace. An
 * AnnealError the plugin throws on purpose passes unchanged.
 */
function guardRule(rule: AnyRuleDefinition, path: string): AnyRuleDefinition {
  const guarded: Record<string, unknown> = { ...rule };
  for (const hook of hooks) {
    const fn = rule[hook] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') continue;
    guarded[hook] = (...args: unknown[]) => {
      try {
        return fn.apply(rule, args);
      } catch (error) {
        if (error instanceof AnnealError) throw error;
        throw pluginError(path, rule.kind, `in ${hook}`, error);
      }
    };
  }
  return guarded as unknown as AnyRuleDefinition;
}

/**
 * The CLI's rules (`createCliRegistry`) plus every rule plugin exported by the given ES
 * modules (named exports, a default export, or an array of them), so `anneal simulate`
 * and `anneal schema --monitor` know a user's rules exactly as the user's program does.
 * A module re-exporting the CLI's own `slope` (as a program registering it does) is fine.
 *
 * A module that throws when imported, a rule whose schema cannot be made into a
 * config schema, and a rule hook that throws later all end in one line naming the
 * module (and the rule when known), never a stack trace.
 */
export async function registryWithRuleModules(paths: readonly string[]): Promise<RuleRegistry> {
  const registry = createCliRegistry();
  const loaded: LoadedRule[] = [];
  loadedRules.set(registry, loaded);
  for (const path of paths) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
    } catch (error) {
      throw new AnnealError('INVALID_OPTIONS', `Cannot load --rules ${path}: ${describeThrown(error)}`, [
        { path: '--rules', value: path, rule: 'must be an ES module that can be imported' },
      ], { cause: error });
    }
    const exported = Object.values(module).flatMap((value) => (Array.isArray(value) ? value : [value]));
    const found = [...new Set(exported)].flatMap((value) => {
      const rule = readRule(value, path);
      return rule === undefined ? [] : [{ rule, builtIn: value === slope }];
    });
    if (found.length === 0) {
      throw new AnnealError('INVALID_OPTIONS', `--rules ${path} exports no rule plugin (an object made by defineRule)`, [
        { path: '--rules', value: path, rule: 'must export at least one rule made by defineRule' },
      ]);
    }
    for (const { rule, builtIn } of found) {
      if (builtIn) continue; // already in the registry
      try {
        // The config schema the monitor will build, tried here where the culprit is known.
        monitorConfigSchema(createRegistry([rule]));
      } catch (error) {
        throw pluginError(path, rule.kind, 'when its schema was used in a monitor config', error);
      }
      try {
        registry.register(guardRule(rule, path));
        loaded.push({ path, rule });
      } catch (error) {
        if (!(error instanceof AnnealError)) throw pluginError(path, rule.kind, 'when registered', error);
        throw new AnnealError(error.code, `--rules ${path}: ${error.message}`, error.issues, { cause: error });
      }
    }
  }
  return registry;
}

/**
 * Runs `use` with `registry` (validating a config against it, or making its JSON Schema)
 * and, when that throws something other than an AnnealError, finds the plugin that
 * threw: `use` runs again with the built-in rules and one plugin at a time, and the
 * first that throws is named with its module. An exception no plugin explains (a bug
 * of anneal's) is rethrown as it is.
 *
 * @example const monitor = blamingRulePlugins(registry, 'while validating the config', (r) => createMonitor(json, { registry: r }));
 */
export function blamingRulePlugins<T>(registry: RuleRegistry, stage: string, use: (registry: RuleRegistry) => T): T {
  try {
    return use(registry);
  } catch (error) {
    if (error instanceof AnnealError) throw error;
    for (const { path, rule } of loadedRules.get(registry) ?? []) {
      const alone = createCliRegistry();
      alone.register(guardRule(rule, path));
      try {
        use(alone);
      } catch (thrown) {
        if (!(thrown instanceof AnnealError)) throw pluginError(path, rule.kind, stage, thrown);
      }
    }
    throw error;
  }
}
