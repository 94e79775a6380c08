// The schedules of timm (timm/scheduler/cosine_lr.py).
import { timmCosineDefinition } from './timm-cosine.js';

export { timmCosine, timmCosineDefinition } from './timm-cosine.js';

export const timmSchedules = [timmCosineDefinition] as const;
