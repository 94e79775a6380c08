import { AnnealError } from '@anneal/core';

const runIdPattern = /^[A-Za-z0-9._:/-]{1,200}$/;

/** Checks a run id: 1 to 200 of the characters A-Z a-z 0-9 . _ : / - (they appear in key names). */
export function checkRunId(runId: unknown): string {
  if (typeof runId === 'string' && runIdPattern.test(runId)) return runId;
  const rule = 'must be 1 to 200 characters from A-Z a-z 0-9 . _ : / -';
  throw new AnnealError('INVALID_OPTIONS', { subject: 'run id', issues: [{ path: 'runId', value: runId, rule }] });
}
