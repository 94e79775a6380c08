import type { Decision } from '@anneal/monitor';

const rate = (lr: number) => lr.toExponential(1);

/**
 * A Keras-style line for a decision worth printing (a change of rate, a stop, a NaN, a skip), or null (`improve` and
 * `badEvaluation` happen every epoch and are left to the progress bar). `epoch` is
 * 0-based and printed 1-based, as Keras does.
 *
 * @example
 * describeDecision(11, { type: 'drop', rule: 'plateau', from: 1e-3, to: 1e-4, reason: '10 evaluations without improvement', step: 120 });
 * // 'Epoch 12: plateau — reducing learning rate 1.0e-3 → 1.0e-4 (10 evaluations without improvement)'
 */
export function describeDecision(epoch: number, decision: Decision): string | null {
  const head = `Epoch ${epoch + 1}:`;
  switch (decision.type) {
    case 'drop':
      return `${head} ${decision.rule} — reducing learning rate ${rate(decision.from)} → ${rate(decision.to)} (${decision.reason})`;
    case 'raise':
      // Keras has no rule that raises the rate; the drop's words, the other way.
      return `${head} ${decision.rule} — increasing learning rate ${rate(decision.from)} → ${rate(decision.to)} (${decision.reason})`;
    case 'restart':
      return `${head} ${decision.rule} — warm restart ${decision.restart}, learning rate ${rate(decision.from)} → ${rate(decision.to)} (${decision.reason})`;
    case 'stop':
      return `${head} ${decision.rule} — stopping training (${decision.reason})`;
    case 'nan':
      return `${head} ${decision.metric} is ${decision.value}`;
    case 'skip':
      return `${head} ${decision.rule} — skipping this evaluation (${decision.reason})`;
    default:
      return null;
  }
}
