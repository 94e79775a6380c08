// The closed forms of torch.optim.lr_scheduler.
export const torchSchedules = [] as const;
