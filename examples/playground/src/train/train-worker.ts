// The training worker: TensorFlow.js and the two-spirals task are imported only when the
// first request arrives, so the page never loads them unless someone presses "Train".
import type { TrainRequest, WorkerMessage } from './messages.js';

const send = (message: WorkerMessage) => postMessage(message);

addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  import('./train-runs.js')
    .then(({ trainBoth }) => trainBoth(event.data, send))
    .catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
