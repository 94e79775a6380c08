import type { Decision } from '@anneal/monitor';
import { fieldsOf } from './connect.js';
import { fromWireJson } from './wire-json.js';

/** A committed decision: `seq` is the 0-based index of the run's observation that made it. */
export type DecisionRecord = Decision & { readonly seq: number };

/** A decisions-stream entry (`seq`, `decision`) as a record. */
export function decisionOf(flat: readonly string[] | null): DecisionRecord {
  const fields = fieldsOf(flat);
  return { seq: Number(fields.seq), ...(fromWireJson(fields.decision ?? 'null') as Decision) };
}
