// The schedules of optax (optax/schedules/_schedule.py) that Hugging Face does not already have
// (optax's constant_schedule is `constant`).
import { warmupCosineDecayDefinition } from './warmup-cosine-decay.js';
import { warmupExponentialDecayDefinition } from './warmup-exponential-decay.js';

export { warmupCosineDecay, warmupCosineDecayDefinition } from './warmup-cosine-decay.js';
export { warmupExponentialDecay, warmupExponentialDecayDefinition } from './warmup-exponential-decay.js';

export const optaxSchedules = [warmupCosineDecayDefinition, warmupExponentialDecayDefinition] as const;
