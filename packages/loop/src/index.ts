export { createLoopScheduler } from './loop-scheduler.js';
export type { LoopScheduler, LoopSchedulerOptions, ReportOptions } from './loop-scheduler.js';
export type { LrBinding } from './binding.js';
export { loopSnapshotVersion } from './loop-snapshot.js';
export type { LoopSnapshot } from './loop-snapshot.js';
export { trainingSteps } from './training-steps.js';
export type { TrainingStep, TrainingStepsOptions } from './training-steps.js';
