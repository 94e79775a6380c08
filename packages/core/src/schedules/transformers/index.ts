// Hugging Face transformers, optax and timm schedules.
export const transformersSchedules = [] as const;
