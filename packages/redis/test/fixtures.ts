import { createMonitor, type ObservationInput, parseMonitorConfig } from '@anneal/monitor';
import type { DecisionRecord } from '@anneal/redis';

/** Configs that make many decisions: plateau drops, warm restarts, NaN guards, early stops. */
export const configs = [
  { initialLearningRate: 0.1, metric: 'val_loss', minLr: 1e-4, rules: [{ kind: 'plateau', patience: 2, factor: 0.5 }] },
  {
    initialLearningRate: 0.05,
    metric: 'val_loss',
    rules: [{ kind: 'nanGuard', action: 'drop' }, { kind: 'plateau', patience: 1, factor: 0.3, cooldown: 1 }, { kind: 'warmRestart', after: { drops: 2 } }],
  },
  { initialLearningRate: 0.2, metric: 'acc', mode: 'max', rules: [{ kind: 'plateau', patience: 3 }, { kind: 'earlyStop', patience: 12 }] },
] as const;

/** A deterministic noisy metric stream for run `r` (mulberry32), with a NaN now and then. */
export function observationsOf(r: number, count: number, metric = configs[r % configs.length]?.metric as string): ObservationInput[] {
  let seed = 0x9e3779b9 ^ (r * 7919);
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => {
    const value = i % 17 === 16 ? Number.NaN : 1 / (1 + i / 10) + 0.3 * random();
    return { step: (i + 1) * 100, epoch: i, metrics: { [metric]: value } };
  });
}

/** The decisions a local monitor makes on the same observations, each tagged with its observation's index. */
export function replay(config: unknown, observations: readonly ObservationInput[], skip: ReadonlySet<number> = new Set()): DecisionRecord[] {
  const monitor = createMonitor(parseMonitorConfig(config));
  return observations.flatMap((observation, seq) => (skip.has(seq) ? [] : monitor.observe(observation).map((d) => ({ seq, ...d }))));
}

export async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
