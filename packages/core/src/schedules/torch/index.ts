// The closed forms of torch.optim.lr_scheduler.
import { constantLRDefinition } from './constant-lr.js';
import { cosineAnnealingLRDefinition } from './cosine-annealing-lr.js';
import { cosineAnnealingWarmRestartsDefinition } from './cosine-annealing-warm-restarts.js';
import { cyclicLRDefinition } from './cyclic-lr.js';
import { exponentialLRDefinition } from './exponential-lr.js';
import { linearLRDefinition } from './linear-lr.js';
import { multiStepLRDefinition } from './multi-step-lr.js';
import { oneCycleLRDefinition } from './one-cycle-lr.js';
import { polynomialLRDefinition } from './polynomial-lr.js';
import { stepLRDefinition } from './step-lr.js';

export { stepLR, stepLRDefinition } from './step-lr.js';
export { multiStepLR, multiStepLRDefinition } from './multi-step-lr.js';
export { constantLR, constantLRDefinition } from './constant-lr.js';
export { linearLR, linearLRDefinition } from './linear-lr.js';
export { exponentialLR, exponentialLRDefinition } from './exponential-lr.js';
export { polynomialLR, polynomialLRDefinition } from './polynomial-lr.js';
export { cosineAnnealingLR, cosineAnnealingLRDefinition } from './cosine-annealing-lr.js';
export {
  cosineAnnealingWarmRestarts,
  cosineAnnealingWarmRestartsDefinition,
} from './cosine-annealing-warm-restarts.js';
export { cyclicLR, cyclicLRDefinition } from './cyclic-lr.js';
export { oneCycleLR, oneCycleLRDefinition } from './one-cycle-lr.js';

export const torchSchedules = [
  stepLRDefinition,
  multiStepLRDefinition,
  constantLRDefinition,
  linearLRDefinition,
  exponentialLRDefinition,
  polynomialLRDefinition,
  cosineAnnealingLRDefinition,
  cosineAnnealingWarmRestartsDefinition,
  cyclicLRDefinition,
  oneCycleLRDefinition,
] as const;
