// Kinds that wrap other schedules: each child sees its own local step, as in optax's join_schedules.
import { clampDefinition } from './clamp.js';
import { productDefinition } from './product.js';
import { sequenceDefinition } from './sequence.js';
import { shiftDefinition } from './shift.js';
import { warmupDefinition } from './warmup.js';

export { clamp, clampDefinition } from './clamp.js';
export { shift, shiftDefinition } from './shift.js';
export { product, productDefinition } from './product.js';
export { sequence, sequenceDefinition } from './sequence.js';
export { warmup, warmupDefinition, warmupShapes } from './warmup.js';

export const combinators = [clampDefinition, shiftDefinition, productDefinition, sequenceDefinition, warmupDefinition] as const;
