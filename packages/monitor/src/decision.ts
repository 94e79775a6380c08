/**
 * Everything an observation can produce. Changes (`drop`, `restart`, `stop`) name the
 * rule that fired and why; `from`/`to` are the rates at the observation's step.
 */
export type Decision =
  | { readonly type: 'drop'; readonly rule: string; readonly reason: string; readonly step: number; readonly from: number; readonly to: number }
  | {
      readonly type: 'restart';
      readonly rule: string;
      readonly reason: string;
      readonly step: number;
      readonly from: number;
      readonly to: number;
      /** 1 for the first restart. */
      readonly restart: number;
    }
  | { readonly type: 'stop'; readonly rule: string; readonly reason: string; readonly step: number }
  | { readonly type: 'improve'; readonly step: number; readonly value: number; readonly previous: number | null }
  | { readonly type: 'badEvaluation'; readonly step: number; readonly value: number; readonly best: number | null; readonly count: number }
  | { readonly type: 'nan'; readonly step: number; readonly value: number; readonly metric: string }
  | { readonly type: 'skip'; readonly rule: string; readonly reason: string; readonly step: number };

export type DecisionType = Decision['type'];
