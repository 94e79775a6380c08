// The built-in rules, registered exactly like a user's (see createDefaultRegistry).
// `slope` is not among them: it lives in @anneal/monitor/slope so that its t distribution
// (@stdlib) is bundled only by those who use it.
import type { AnyRuleDefinition } from '../define-rule.js';
import { earlyStop } from './early-stop.js';
import { greedy } from './greedy.js';
import { nanGuard } from './nan-guard.js';
import { plateau } from './plateau.js';
import { severityDrop } from './severity-drop.js';
import { warmRestart } from './warm-restart.js';

export { earlyStop, greedy, nanGuard, plateau, severityDrop, warmRestart };

export const builtinRules: readonly AnyRuleDefinition[] = [plateau, severityDrop, warmRestart, nanGuard, earlyStop, greedy];
