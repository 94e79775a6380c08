"""Reference values for mutation-edges.test.ts (survivors of `pnpm mutate schedules:transformers`).

Run once, by hand (not a CI dependency): python3 packages/core/test/transformers/mutation-edges.py
Written with Python 3 (math only; no torch: LambdaLR is lr = base_lr * lr_lambda(step)).
"""
# The lr_lambda functions below are copied verbatim from huggingface/transformers
# src/transformers/optimization.py (commit 005edacb6b5d); `table` multiplies by base_lr as LambdaLR does.
import math


def _get_polynomial_decay_schedule_with_warmup_lr_lambda(
    current_step: int,
    *,
    num_warmup_steps: int,
    num_training_steps: int,
    lr_end: float,
    power: float,
    lr_init: int,
):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    elif current_step > num_training_steps:
        return lr_end / lr_init  # as LambdaLR multiplies by lr_init
    else:
        lr_range = lr_init - lr_end
        decay_steps = num_training_steps - num_warmup_steps
        pct_remaining = 1 - (current_step - num_warmup_steps) / decay_steps
        decay = lr_range * pct_remaining**power + lr_end
        return decay / lr_init  # as LambdaLR multiplies by lr_init


def _get_wsd_scheduler_lambda(
    current_step: int,
    *,
    num_warmup_steps: int,
    num_stable_steps: int,
    num_decay_steps: int,
    warmup_type: str,
    decay_type: str,
    min_lr_ratio: float,
    num_cycles: float,
):
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)

    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0

    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


def table(base_lr, lr_lambda, steps, **kwargs):
    return [[t, base_lr * lr_lambda(t, **kwargs)] for t in steps]


# get_polynomial_decay_schedule_with_warmup(opt(lr=1e-3), 10, 20, lr_end=1e-7, power=0.0)
print("polynomial power 0", table(1e-3, _get_polynomial_decay_schedule_with_warmup_lr_lambda, [10, 15, 19, 20, 21, 1000],
      num_warmup_steps=10, num_training_steps=20, lr_end=1e-7, power=0.0, lr_init=1e-3))

# get_wsd_schedule(opt(lr=1e-3), num_warmup_steps=10, num_decay_steps=0, num_stable_steps=20, min_lr_ratio=0.1)
print("wsd no decay", table(1e-3, _get_wsd_scheduler_lambda, [0, 5, 9, 10, 29, 30, 31, 1000],
      num_warmup_steps=10, num_stable_steps=20, num_decay_steps=0, warmup_type="linear", decay_type="cosine",
      min_lr_ratio=0.1, num_cycles=0.5))

# get_wsd_schedule(opt(lr=1e-3), num_warmup_steps=10, num_decay_steps=20, num_training_steps=30,
#                  decay_type="linear", min_lr_ratio=0.1): num_stable_steps = 30 - 10 - 20 = 0
print("wsd T = W + D", table(1e-3, _get_wsd_scheduler_lambda, [0, 9, 10, 11, 20, 29, 30, 1000],
      num_warmup_steps=10, num_stable_steps=30 - 10 - 20, num_decay_steps=20, warmup_type="linear", decay_type="linear",
      min_lr_ratio=0.1, num_cycles=0.5))
