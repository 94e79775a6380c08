// The two runs of the live comparison, on the tfjs-fit example's task and model (two
// spirals, a 2 → 32 → 32 → 1 MLP, Adam, seeded): one under the page's monitor config, one
// at a fixed rate, side by side in one worker, each epoch posted as it ends.
import type { Decision, MonitorConfigInput } from '@anneal/monitor';
import * as tf from '@tensorflow/tfjs';
import { loadData, train } from '../../../tfjs-fit/train.js';
import type { RunName, TrainRequest, WorkerMessage } from './messages.js';

export async function trainBoth(request: TrainRequest, send: (message: WorkerMessage) => void): Promise<void> {
  tf.env().set('PROD', true);
  // The CPU backend: the same numbers in every browser, and no GPU needed in a worker.
  await tf.setBackend('cpu');
  send({ type: 'ready', backend: tf.getBackend() });
  const data = loadData();
  const run = async (name: RunName, options: { monitor?: MonitorConfigInput; fixedRate?: number }) => {
    const result = await train(data, {
      epochs: request.epochs,
      ...options,
      onEpoch: (record) =>
        send({
          type: 'epoch',
          run: name,
          epoch: record.epoch,
          step: record.step,
          metrics: record.metrics,
          lr: record.lr,
          events: record.decisions.filter(listed).map((d) => ({ type: d.type, label: label(d) })),
        }),
    });
    send({
      type: 'run-done',
      run: name,
      epochs: result.epochs.length,
      valLoss: result.final.valLoss,
      valAcc: result.final.valAcc,
      stoppedBy: result.stoppedBy,
    });
  };
  await Promise.all([run('anneal', { monitor: request.monitor as MonitorConfigInput }), run('fixed', { fixedRate: request.fixedRate })]);
  tf.dispose([data.xs, data.ys, data.valXs, data.valYs]);
}

const listed = (d: Decision) => d.type === 'drop' || d.type === 'restart' || d.type === 'stop';

function label(d: Decision): string {
  if (d.type === 'drop' || d.type === 'restart') return `${d.type} (${d.rule})`;
  if (d.type === 'stop') return `stop (${d.rule})`;
  return d.type;
}
