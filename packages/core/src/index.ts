export { AnnealError, formatIssues, formatPath, maxListedIssues } from './errors.js';
export type { AnnealErrorCode, AnnealErrorDetails, AnnealIssue } from './errors.js';
export { describeValue } from './describe-value.js';
export { errorFromZod, parseOrThrow, safeParseEnglish } from './zod-issues.js';
export { didYouMean, nameKinds, optionHints, optionHintsOf } from './suggestions.js';
export { checkDepth, maxConfigDepth } from './depth.js';
export { capGrowth, defineSchedule, factoryOf } from './schedule.js';
export type { Schedule, ScheduleDefinition, FactoryOptions, KindSchema } from './schedule.js';
export { combinatorFactoryOf, defineCombinator, scheduleFunction } from './combinator.js';
export type { ChildBuilder, ChildSchema, CombinatorDefinition, CombinatorOptions, WithChildren } from './combinator.js';
export { lerp } from './lerp.js';
export { linearWarmup } from './linear-warmup.js';
export { geometricCycle } from './geometric-cycle.js';
export type { CyclePosition } from './geometric-cycle.js';
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
export type { ScheduleConfig, ScheduleConfigInput, ScheduleKind } from './config.js';
export * from './combinators/index.js';
export * from './schedules/tensorflow/index.js';
export * from './schedules/torch/index.js';
export * from './schedules/transformers/index.js';
export * from './schedules/optax/index.js';
export * from './schedules/timm/index.js';
export { suggestLearningRate, suggestionMethods, trimCurve } from './suggest-learning-rate.js';
export type { LearningRateCurve, SuggestionMethod } from './suggest-learning-rate.js';
export { withFoundRate } from './with-found-rate.js';
export type { BaseRateConfig, FoundRates } from './with-found-rate.js';
