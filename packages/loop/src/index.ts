export { createLoopScheduler } from './loop-scheduler.js';
export type { Interval, LoopScheduler, LoopSchedulerOptions, ReportOptions } from './loop-scheduler.js';
export type { LrBinding } from './binding.js';
export { trainingSteps } from './training-steps.js';
export type { TrainingStep, TrainingStepsOptions } from './training-steps.js';
