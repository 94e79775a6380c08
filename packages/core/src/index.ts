export { AnnealError, formatIssues, formatPath, maxListedIssues } from './errors.js';
export type { AnnealErrorCode, AnnealErrorDetails, AnnealIssue } from './errors.js';
export { describeValue } from './describe-value.js';
export { errorFromZod, parseOrThrow } from './zod-issues.js';
export { didYouMean, nameKinds, optionHints, optionHintsOf } from './suggestions.js';
export { checkDepth, maxConfigDepth } from './depth.js';
export { capGrowth, defineSchedule, factoryOf } from './schedule.js';
export type { Schedule, ScheduleDefinition, FactoryOptions } from './schedule.js';
export { evaluate, maxStepsLength, run, stepsToArray, rangeLength, stepRangeSchema } from './evaluate.js';
export type { Steps, StepRange } from './evaluate.js';
export { normalAt, uniformAt } from './noise.js';
/** The shared option shapes (rate, positive, positiveInt, ...), for rule and schedule plugins. */
export * as optionSchemas from './options.js';
export {
  buildSchedule,
  fromConfig,
  parseScheduleConfig,
  scheduleDefinitions,
  scheduleJsonSchema,
  scheduleKinds,
  scheduleSchema,
} from './config.js';
export type { ScheduleConfig, ScheduleConfigInput } from './config.js';
export { clamp } from './combinators/clamp.js';
export { shift } from './combinators/shift.js';
export { product } from './combinators/product.js';
export { sequence } from './combinators/sequence.js';
export { warmup } from './combinators/warmup.js';
export * from './schedules/tensorflow/index.js';
export * from './schedules/torch/index.js';
export * from './schedules/transformers/index.js';
