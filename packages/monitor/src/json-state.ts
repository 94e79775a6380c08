import { AnnealError, checkDepth, formatPath } from '@anneal/core';

/** How deeply a rule's state may nest in a snapshot: deeper, or a cycle, is refused. */
export const maxStateDepth = 1000;

/**
 * Throws AnnealError INVALID_SNAPSHOT, naming the rule and the field, when a rule's state
 * cannot travel in a snapshot as JSON and come back the same: a cycle or nesting deeper
 * than `maxStateDepth` (which would overflow the stack), a bigint, function or symbol
 * (JSON.stringify throws or drops it), `undefined` in an array (JSON writes null).
 * A plugin's state is its own business until a snapshot is taken; then it must be JSON.
 */
export function checkJsonState(state: unknown, ruleName: string): void {
  const subject = `snapshot: the state of rule "${ruleName}" is not JSON (a bug in the rule)`;
  // Iterative and cycle-safe; after it, the walk below is at most maxStateDepth deep.
  checkDepth(state, subject, 'INVALID_SNAPSHOT', maxStateDepth);
  walk(state, [], subject);
}

function walk(value: unknown, path: PropertyKey[], subject: string): void {
  const type = typeof value;
  if (value === null || type === 'number' || type === 'string' || type === 'boolean') return;
  if (type !== 'object') {
    throw new AnnealError('INVALID_SNAPSHOT', { subject, issues: [{ path: formatPath(path), value, rule: `must be JSON (got a ${type})` }] });
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) {
        throw new AnnealError('INVALID_SNAPSHOT', { subject, issues: [{ path: formatPath([...path, i]), value: undefined, rule: 'must be JSON (undefined in an array comes back as null)' }] });
      }
      walk(value[i], [...path, i], subject);
    }
    return;
  }
  for (const [key, member] of Object.entries(value as object)) if (member !== undefined) walk(member, [...path, key], subject);
}
