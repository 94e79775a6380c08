import { AnnealError } from '@anneal/core';
import type { CompiledRule } from './config.js';
import type { Proposal } from './define-rule.js';

/**
 * A plugin's proposal is checked completely before anything changes: an unknown type,
 * a factor or scale that is not a number (a string passes `>=`), out of range or not
 * finite would otherwise be committed and poison every later rate and snapshot.
 * Throws AnnealError INVALID_PROPOSAL naming the rule, the field and the value.
 */
export function checkProposal(rule: CompiledRule, proposal: Proposal, step: number): void {
  const fail = (field: string, value: unknown, requirement: string): never => {
    const kind = typeof (proposal as { type?: unknown })?.type === 'string' ? `a ${(proposal as { type: string }).type}` : 'a change';
    throw new AnnealError('INVALID_PROPOSAL', {
      subject: `proposal: rule "${rule.name}" proposed ${kind} at step ${step} (a bug in the rule; the monitor state is unchanged)`,
      issues: [{ path: `rules.${rule.name}.${field}`, value, rule: requirement }],
    });
  };
  if (proposal === null || typeof proposal !== 'object') return fail('proposal', proposal, 'must be an object');
  const { type } = proposal as { type: unknown };
  const number = (field: string, requirement: string, holds: (x: number) => boolean) => {
    const value = (proposal as unknown as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !holds(value)) fail(field, value, requirement);
  };
  switch (type) {
    case 'drop':
      number('factor', 'must be a number in [0, 1]', (x) => x >= 0 && x <= 1);
      break;
    case 'raise':
      number('factor', 'must be a finite number > 1', (x) => x > 1 && x <= Number.MAX_VALUE);
      break;
    case 'restart':
      number('scale', 'must be a finite number >= 0', (x) => x >= 0 && x <= Number.MAX_VALUE);
      number('stretch', 'must be a finite number > 0', (x) => x > 0 && x <= Number.MAX_VALUE);
      break;
    case 'stop':
      break;
    default:
      return fail('type', type, 'must be one of "drop", "raise", "restart", "stop"');
  }
  if (typeof proposal.reason !== 'string') fail('reason', proposal.reason, 'must be a string');
}

/**
 * A hook's return value must be an object (`{ state, ... }`): a plugin that forgets to
 * return would otherwise end in a TypeError deep in the reducer. Throws AnnealError
 * INVALID_PROPOSAL naming the rule and the hook; nothing has changed yet.
 */
export function checkOutcome(rule: CompiledRule, hook: 'screen' | 'onObservation', outcome: unknown, step: number): void {
  if (outcome !== null && typeof outcome === 'object') return;
  throw new AnnealError('INVALID_PROPOSAL', {
    subject: `rule outcome: rule "${rule.name}" returned no outcome from ${hook} at step ${step} (a bug in the rule; the monitor state is unchanged)`,
    issues: [{ path: `rules.${rule.name}.${hook}`, value: outcome, rule: 'must return an object { state, ... }' }],
  });
}
