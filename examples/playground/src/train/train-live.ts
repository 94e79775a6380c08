// "Train live": the page side. A worker trains the two runs (see train-runs.ts); each
// epoch it posts is added to the run chart at once. Stop ends the worker; Train starts a
// fresh one. The status line ends in "done" or "stopped", with the final comparison.
import type { TopLevelSpec } from 'vega-lite';
import { createChart } from '../chart.js';
import type { EpochMessage, RunDoneMessage, RunName, TrainRequest, WorkerMessage } from './messages.js';

export interface TrainLiveElements {
  readonly button: HTMLButtonElement;
  readonly stop: HTMLButtonElement;
  readonly status: HTMLElement;
  readonly chart: HTMLElement;
  readonly epochs: HTMLInputElement;
  readonly fixedRate: HTMLInputElement;
}

/** `request()` gives the current monitor config, or a message saying why it cannot train. */
export function setUpTrainLive(elements: TrainLiveElements, monitorConfig: () => { config: unknown } | { error: string }) {
  const chart = createChart(elements.chart);
  let worker: Worker | undefined;
  let epochs: EpochMessage[] = [];
  let done = new Map<RunName, RunDoneMessage>();
  let metric = 'val_loss';
  let total = 0;
  let fixedRate = 0;

  const runTitle = (run: RunName) => (run === 'anneal' ? 'anneal' : `fixed ${fixedRate}`);
  const setStatus = (text: string) => {
    elements.status.textContent = text;
  };

  const finish = (how: 'done' | 'stopped') => {
    worker?.terminate();
    worker = undefined;
    elements.stop.disabled = true;
    elements.button.textContent = 'Train again';
    const summary = (['anneal', 'fixed'] as const).map((run) => {
      const end = done.get(run);
      const last = epochs.filter((e) => e.run === run).at(-1);
      if (end !== undefined) {
        const stopped = end.stoppedBy === null ? '' : `, stopped by ${end.stoppedBy}`;
        return `${runTitle(run)}: val_loss ${end.valLoss.toFixed(4)}, val_acc ${(end.valAcc * 100).toFixed(1)}% after ${end.epochs} epochs${stopped}`;
      }
      if (last === undefined) return `${runTitle(run)}: no epoch finished`;
      const value = last.metrics[metric];
      return `${runTitle(run)}: ${metric} ${value === undefined ? '?' : value.toFixed(4)} at epoch ${last.epoch + 1}`;
    });
    setStatus(`${summary.join(' · ')} — ${how}`);
    elements.status.dataset.state = how;
  };

  const onMessage = (message: WorkerMessage) => {
    switch (message.type) {
      case 'ready':
        setStatus(`training on TensorFlow.js (${message.backend} backend)…`);
        break;
      case 'epoch': {
        epochs.push(message);
        const at = (run: RunName) => epochs.filter((e) => e.run === run).length;
        setStatus(`training: anneal epoch ${at('anneal')}, ${runTitle('fixed')} epoch ${at('fixed')} of ${total}…`);
        void chart.draw(runsChartSpec(epochs, metric, runTitle));
        break;
      }
      case 'run-done':
        done.set(message.run, message);
        if (done.size === 2) void chart.draw(runsChartSpec(epochs, metric, runTitle)).then(() => finish('done'));
        break;
      case 'error':
        worker?.terminate();
        worker = undefined;
        elements.stop.disabled = true;
        setStatus(`training failed: ${message.message} — stopped`);
        elements.status.dataset.state = 'stopped';
        break;
    }
  };

  elements.button.addEventListener('click', () => {
    const current = monitorConfig();
    if ('error' in current) {
      setStatus(`cannot train: ${current.error}`);
      return;
    }
    worker?.terminate();
    epochs = [];
    done = new Map();
    total = Number(elements.epochs.value) || 40;
    fixedRate = Number(elements.fixedRate.value) || 0.05;
    metric = (current.config as { metric?: string }).metric ?? 'val_loss';
    elements.status.dataset.state = 'running';
    setStatus('loading TensorFlow.js…');
    elements.stop.disabled = false;
    elements.button.textContent = 'Restart';
    worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module', name: 'anneal-training' });
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => onMessage(event.data));
    worker.addEventListener('error', (event) => onMessage({ type: 'error', message: event.message || 'the worker failed' }));
    const request: TrainRequest = { monitor: current.config, epochs: total, fixedRate };
    worker.postMessage(request);
  });
  elements.stop.addEventListener('click', () => {
    if (worker !== undefined) finish('stopped');
  });
}

/** The two runs per epoch: the monitored metric above, the rate below, the anneal run's decisions marked. */
function runsChartSpec(epochs: readonly EpochMessage[], metric: string, runTitle: (run: RunName) => string): TopLevelSpec {
  const rows = epochs.map((e) => ({ epoch: e.epoch + 1, run: runTitle(e.run), value: e.metrics[metric] ?? null, lr: e.lr }));
  const events = epochs.filter((e) => e.run === 'anneal').flatMap((e) => e.events.map((ev) => ({ epoch: e.epoch + 1, ...ev })));
  const positive = rows.every((r) => r.lr > 0);
  const logLr = positive && Math.max(...rows.map((r) => r.lr)) > 10 * Math.min(...rows.map((r) => r.lr));
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { nice: false } } as const;
  const color = { field: 'run', type: 'nominal', title: 'run', scale: { domain: [runTitle('anneal'), runTitle('fixed')] } } as const;
  const rules = {
    data: { values: events },
    mark: { type: 'rule', strokeDash: [4, 3] as number[], color: '#f58518' },
    encoding: { x, tooltip: { field: 'label' } },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    data: { values: rows },
    vconcat: [
      {
        width: 520,
        height: 180,
        layer: [
          {
            mark: { type: 'line', point: { size: 14 } },
            encoding: { x: { ...x, axis: { title: null, labels: false } }, y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } }, color },
          },
          ...(events.length ? [rules] : []),
        ],
      },
      {
        width: 520,
        height: 120,
        layer: [
          {
            mark: { type: 'line', interpolate: 'step-after' },
            encoding: {
              x,
              y: { field: 'lr', type: 'quantitative', title: 'learning rate', axis: { format: '~g' }, scale: logLr ? { type: 'log' } : { zero: true } },
              color,
            },
          },
          ...(events.length ? [rules] : []),
        ],
      },
    ],
  };
}
