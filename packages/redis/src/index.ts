export { createRunClient } from './run-client.js';
export type { RunClient, RunClientOptions } from './run-client.js';
export type { DecisionRecord } from './decision-record.js';
export { createWorker } from './worker.js';
export type { Worker, WorkerOptions } from './worker.js';
export { defaultPrefix, keysFor } from './keys.js';
export type { Keys } from './keys.js';
export { commitLua, deadLetterLua, observeLua, registerLua } from './scripts.js';
export { fromWireJson, toWireJson } from './wire-json.js';
