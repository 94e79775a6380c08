// The schedules of Hugging Face transformers (optimization.py).
import { constantWithWarmupDefinition } from './constant-with-warmup.js';
import { constantDefinition } from './constant.js';
import { cosineWithHardRestartsDefinition } from './cosine-with-hard-restarts.js';
import { cosineWithMinLrDefinition } from './cosine-with-min-lr.js';
import { cosineWithWarmupDefinition } from './cosine-with-warmup.js';
import { inverseSqrtDefinition } from './inverse-sqrt.js';
import { linearWithWarmupDefinition } from './linear-with-warmup.js';
import { polynomialWithWarmupDefinition } from './polynomial-with-warmup.js';
import { warmupStableDecayDefinition } from './warmup-stable-decay.js';

export { constant, constantDefinition } from './constant.js';
export { constantWithWarmup, constantWithWarmupDefinition } from './constant-with-warmup.js';
export { linearWithWarmup, linearWithWarmupDefinition } from './linear-with-warmup.js';
export { cosineWithWarmup, cosineWithWarmupDefinition } from './cosine-with-warmup.js';
export { cosineWithMinLr, cosineWithMinLrDefinition } from './cosine-with-min-lr.js';
export { cosineWithHardRestarts, cosineWithHardRestartsDefinition } from './cosine-with-hard-restarts.js';
export { polynomialWithWarmup, polynomialWithWarmupDefinition } from './polynomial-with-warmup.js';
export { inverseSqrt, inverseSqrtDefinition } from './inverse-sqrt.js';
export { warmupStableDecay, warmupStableDecayDefinition, wsdShapes } from './warmup-stable-decay.js';

export const transformersSchedules = [
  constantDefinition,
  constantWithWarmupDefinition,
  linearWithWarmupDefinition,
  cosineWithWarmupDefinition,
  cosineWithMinLrDefinition,
  cosineWithHardRestartsDefinition,
  polynomialWithWarmupDefinition,
  inverseSqrtDefinition,
  warmupStableDecayDefinition,
] as const;
