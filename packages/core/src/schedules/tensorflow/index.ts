// The schedules of TensorFlow's learning_rate_decay.py and Keras's learning_rate_schedule.py.
import { exponentialDecayDefinition } from './exponential-decay.js';

export { exponentialDecay, exponentialDecayDefinition } from './exponential-decay.js';

export const tensorflowSchedules = [exponentialDecayDefinition] as const;
