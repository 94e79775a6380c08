// The built-in rules, registered exactly like a user's (see createDefaultRegistry).
import type { AnyRuleDefinition } from '../define-rule.js';

export const builtinRules: readonly AnyRuleDefinition[] = [];
