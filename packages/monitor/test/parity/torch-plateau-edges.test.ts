import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMonitor } from '@anneal/monitor';
import { monitorConfig, replay } from '../rule-conformance.js';

// Three edges of torch.optim.lr_scheduler.ReduceLROnPlateau under compat "torch", against
// real PyTorch 1.13 (Debian python3-torch): tables from
// test/parity/generators/torch_plateau_edges.py (not run in CI). A rate that starts
// below min_lr is not lifted (torch applies min_lr only when reducing); -inf becomes the
// best in min mode (+inf in max); factor 0 drops straight to min_lr; a relative threshold
// of 2 in min mode lets no value beat mode_worse (inf · (1 − 2) = -inf), not even the first.
// torch's best starts at mode_worse, which anneal's state holds as null.

interface EdgeCase {
  name: string;
  lr: number;
  options: { mode: 'min' | 'max'; factor: number; patience: number; min_lr: number; threshold?: number };
  metrics: (number | string)[];
  rates: number[];
  best: (number | string)[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/torch-plateau-edges.json', import.meta.url), 'utf8')) as { tables: EdgeCase[] };
const number = (x: number | string) => (typeof x === 'number' ? x : Number(x));

describe('plateau compat "torch": reference edges (PyTorch 1.13)', () => {
  it.each(fixture.tables.map((t) => [t.name, t] as const))('%s: same rates and best as torch', (_name, t) => {
    const { factor, patience, threshold } = t.options;
    const rule = { kind: 'plateau', compat: 'torch', factor, patience, ...(threshold === undefined ? {} : { threshold }) };
    const modeWorse = t.options.mode === 'min' ? Infinity : -Infinity;
    const program = compileMonitor(monitorConfig([rule], { initialLearningRate: t.lr, mode: t.options.mode, minLr: t.options.min_lr }));
    const rows = replay(program, t.metrics.map(number));
    expect(rows.map((row) => row.lr)).toEqual(t.rates);
    expect(rows.map((row) => (row.state.rules[0] as { best: number | null }).best ?? modeWorse)).toEqual(t.best.map(number));
  });

  it('restores a snapshot holding -Infinity as the best', () => {
    const program = compileMonitor(monitorConfig([{ kind: 'plateau', compat: 'torch', patience: 1 }]));
    const rows = replay(program, [1, -Infinity]);
    expect((rows[1]?.state.rules[0] as { best: number }).best).toBe(-Infinity);
  });
});
