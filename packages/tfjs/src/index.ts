export { AnnealCallback, annealCallback } from './anneal-callback.js';
export type { AnnealCallbackOptions, DecisionContext } from './anneal-callback.js';
export { annealOptimizer } from './anneal-optimizer.js';
export type { AnnealedOptimizer, AnnealOptimizerOptions } from './anneal-optimizer.js';
export { describeDecision } from './describe-decision.js';
export { getLearningRate, setLearningRate, supportedOptimizers } from './optimizer-rate.js';
export type { ValidateEvery } from './validate-every.js';
