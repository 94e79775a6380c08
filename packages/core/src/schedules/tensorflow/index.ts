// The schedules of TensorFlow's learning_rate_decay.py and Keras's learning_rate_schedule.py.
import { cosineDecayDefinition } from './cosine-decay.js';
import { cosineDecayRestartsDefinition } from './cosine-decay-restarts.js';
import { exponentialDecayDefinition } from './exponential-decay.js';
import { inverseTimeDecayDefinition } from './inverse-time-decay.js';
import { linearCosineDecayDefinition } from './linear-cosine-decay.js';
import { naturalExpDecayDefinition } from './natural-exp-decay.js';
import { noisyLinearCosineDecayDefinition } from './noisy-linear-cosine-decay.js';
import { piecewiseConstantDefinition } from './piecewise-constant.js';
import { polynomialDecayDefinition } from './polynomial-decay.js';

export { cosineDecay, cosineDecayDefinition } from './cosine-decay.js';
export { cosineDecayRestarts, cosineDecayRestartsDefinition } from './cosine-decay-restarts.js';
export { exponentialDecay, exponentialDecayDefinition } from './exponential-decay.js';
export { inverseTimeDecay, inverseTimeDecayDefinition } from './inverse-time-decay.js';
export { linearCosineDecay, linearCosineDecayDefinition } from './linear-cosine-decay.js';
export { naturalExpDecay, naturalExpDecayDefinition } from './natural-exp-decay.js';
export { noisyLinearCosineDecay, noisyLinearCosineDecayDefinition } from './noisy-linear-cosine-decay.js';
export { piecewiseConstant, piecewiseConstantDefinition } from './piecewise-constant.js';
export { polynomialDecay, polynomialDecayDefinition } from './polynomial-decay.js';

export const tensorflowSchedules = [
  exponentialDecayDefinition,
  piecewiseConstantDefinition,
  polynomialDecayDefinition,
  naturalExpDecayDefinition,
  inverseTimeDecayDefinition,
  cosineDecayDefinition,
  cosineDecayRestartsDefinition,
  linearCosineDecayDefinition,
  noisyLinearCosineDecayDefinition,
] as const;
