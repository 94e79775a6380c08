export { getLearningRate, setLearningRate, supportedOptimizers } from './optimizer-rate.js';
