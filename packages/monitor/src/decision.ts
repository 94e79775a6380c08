/**
 * Everything an observation can produce. Changes (`drop`, `raise`, `restart`, `stop`) name
 * the rule that fired and why; `from`/`to` are the rates at the observation's step.
 * With `smoothing`, `value` is the smoothed metric and `raw` the one observed.
 */
export type Decision =
  | { readonly type: 'drop'; readonly rule: string; readonly reason: string; readonly step: number; readonly from: number; readonly to: number }
  | { readonly type: 'raise'; readonly rule: string; readonly reason: string; readonly step: number; readonly from: number; readonly to: number }
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
  | { readonly type: 'improve'; readonly step: number; readonly value: number; readonly previous: number | null; readonly raw?: number }
  | {
      readonly type: 'badEvaluation';
      readonly step: number;
      readonly value: number;
      readonly best: number | null;
      readonly count: number;
      readonly raw?: number;
    }
  | { readonly type: 'nan'; readonly step: number; readonly value: number; readonly metric: string }
  | { readonly type: 'skip'; readonly rule: string; readonly reason: string; readonly step: number };

export type DecisionType = Decision['type'];
