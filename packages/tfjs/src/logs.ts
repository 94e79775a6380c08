import type { Tensor } from '@tensorflow/tfjs-core';

type LogValue = number | Tensor;

function isTensor(value: unknown): value is Tensor {
  return value !== null && typeof value === 'object' && typeof (value as Tensor).data === 'function';
}

/**
 * Reads a tfjs logs object into plain numbers. `tf.Callback`s receive loss and metrics
 * as scalar Tensors; like tfjs's own CustomCallback, each is read, written back into
 * `logs` as a number (so later callbacks and History see numbers) and disposed.
 */
export async function resolveLogs(logs: Record<string, LogValue> | undefined): Promise<Record<string, number>> {
  const metrics: Record<string, number> = {};
  if (logs === undefined || logs === null) return metrics;
  const pending: Array<Promise<void>> = [];
  for (const [key, value] of Object.entries(logs)) {
    if (typeof value === 'number') {
      metrics[key] = value;
    } else if (isTensor(value)) {
      pending.push(
        value.data().then((data) => {
          const number = Number(data[0]);
          metrics[key] = number;
          logs[key] = number;
          value.dispose();
        }),
      );
    }
  }
  await Promise.all(pending);
  return metrics;
}
