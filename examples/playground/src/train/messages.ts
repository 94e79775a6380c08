// What the page and the training worker say to each other.

/** Page → worker: train both runs. */
export interface TrainRequest {
  readonly monitor: unknown;
  readonly epochs: number;
  readonly fixedRate: number;
}

export type RunName = 'anneal' | 'fixed';

/** One finished epoch of one run. */
export interface EpochMessage {
  readonly type: 'epoch';
  readonly run: RunName;
  readonly epoch: number;
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly lr: number;
  /** The rate changes and the stop the monitor decided at this epoch, as text. */
  readonly events: readonly { readonly type: string; readonly label: string }[];
}

/** One run ended: its validation loss and accuracy after fit (model.evaluate). */
export interface RunDoneMessage {
  readonly type: 'run-done';
  readonly run: RunName;
  readonly epochs: number;
  readonly valLoss: number;
  readonly valAcc: number;
  readonly stoppedBy: string | null;
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
}

export interface ReadyMessage {
  readonly type: 'ready';
  readonly backend: string;
}

export type WorkerMessage = EpochMessage | RunDoneMessage | ErrorMessage | ReadyMessage;
