import { describeDecision } from '@anneal/tfjs';
import { describe, expect, it } from 'vitest';

describe('describeDecision', () => {
  it('prints a drop the way Keras prints ReduceLROnPlateau, epoch 1-based', () => {
    const line = describeDecision(11, { type: 'drop', rule: 'plateau', reason: '10 evaluations without improvement', step: 120, from: 1e-3, to: 1e-4 });
    expect(line).toBe('Epoch 12: plateau — reducing learning rate 1.0e-3 → 1.0e-4 (10 evaluations without improvement)');
  });

  it('prints a raise (greedy, after enough improvements) as the drop is printed, the other way', () => {
    const line = describeDecision(5, { type: 'raise', rule: 'greedy', reason: '3 improvements in a row; best 0.4000', step: 60, from: 1e-3, to: 2e-3 });
    expect(line).toBe('Epoch 6: greedy — increasing learning rate 1.0e-3 → 2.0e-3 (3 improvements in a row; best 0.4000)');
  });

  it('prints restarts, stops, NaNs and skips, and nothing for improve and badEvaluation', () => {
    expect(describeDecision(0, { type: 'restart', rule: 'warmRestart', reason: 'r', step: 5, from: 1e-5, to: 0.05, restart: 2 })).toBe(
      'Epoch 1: warmRestart — warm restart 2, learning rate 1.0e-5 → 5.0e-2 (r)',
    );
    expect(describeDecision(2, { type: 'stop', rule: 'earlyStop', reason: 'why', step: 9 })).toBe('Epoch 3: earlyStop — stopping training (why)');
    expect(describeDecision(2, { type: 'nan', metric: 'val_loss', value: Number.NaN, step: 9 })).toBe('Epoch 3: val_loss is NaN');
    expect(describeDecision(2, { type: 'skip', rule: 'nanGuard', reason: 'non-finite', step: 9 })).toBe(
      'Epoch 3: nanGuard — skipping this evaluation (non-finite)',
    );
    expect(describeDecision(2, { type: 'improve', step: 9, value: 1, previous: 2 })).toBeNull();
    expect(describeDecision(2, { type: 'badEvaluation', step: 9, value: 1, best: 0.5, count: 1 })).toBeNull();
  });
});
