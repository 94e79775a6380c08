#!/usr/bin/env python3
"""Reference tables for the `greedy` rule: transformers' GreedyLR, transcribed.

Source: huggingface/transformers, src/transformers/optimization.py, classes
StreamingAverage and GreedyLR (the PR adding lr_scheduler_type "greedy", arXiv 2512.14527).
`step`, `is_better`, `_reduce_lr`, `_increase_lr`, `_reset` and `streamavg` below are
that code with one parameter group and the optimizer reduced to a float (no torch needed).

Run with Debian's python3 (not in CI):
    python3 packages/monitor/test/parity/generators/greedy_lr.py > packages/monitor/test/parity/fixtures/greedy-lr.json
"""
import json
import math


class StreamingAverage:
    def __init__(self, window_size):
        self.window_size = window_size
        self.values = []
        self.sum = 0.0

    def streamavg(self, value):
        self.values.append(value)
        self.sum += value
        if len(self.values) > self.window_size:
            removed = self.values.pop(0)
            self.sum -= removed
        return self.sum / len(self.values)


class GreedyLR:
    def __init__(self, lr, mode="min", factor=0.95, patience=10, threshold=1e-6, threshold_mode="abs",
                 cooldown=0, warmup=0, min_lr=1e-3, max_lr=1.0, eps=1e-8, smooth=False, window_size=50,
                 reset_start=500):
        assert factor < 1.0
        self.lr = lr
        self.factor = factor
        self.patience = patience
        self.cooldown = cooldown
        self.warmup = warmup
        self.cooldown_counter = 0
        self.warmup_counter = 0
        self.mode = mode
        self.threshold = threshold
        self.threshold_mode = threshold_mode
        self.eps = eps
        self.smooth = smooth
        self.window_size = window_size
        self.reset_start = reset_start
        self.reset_start_original = reset_start
        self.min_lr = min_lr
        self.max_lr = max_lr
        self._init_lr = lr
        self.best = float("inf") if mode == "min" else float("-inf")
        self.num_bad_epochs = 0
        self.num_good_epochs = 0
        self._streaming_avg = StreamingAverage(window_size) if smooth else None

    def step(self, metrics):
        current = float(metrics)
        if self.smooth and self._streaming_avg is not None:
            current = self._streaming_avg.streamavg(current)
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
            self.num_good_epochs = 0
        elif self.warmup_counter > 0:
            self.warmup_counter -= 1
            self.num_bad_epochs = 0
            self.num_good_epochs = 0
        else:
            if self.is_better(current, self.best):
                self.best = current
                self.num_bad_epochs = 0
                self.num_good_epochs += 1
            else:
                self.num_bad_epochs += 1
                self.num_good_epochs = 0
            if self.num_good_epochs > self.patience:
                self._increase_lr()
                self.warmup_counter = self.warmup
                self.num_good_epochs = 0
            elif self.num_bad_epochs > self.patience:
                self._reduce_lr()
                self.cooldown_counter = self.cooldown
                self.num_bad_epochs = 0

    def is_better(self, current, best):
        if self.mode == "min":
            if self.threshold_mode == "rel":
                return current < best * (1.0 - self.threshold)
            return current < best - self.threshold
        if self.threshold_mode == "rel":
            return current > best * (1.0 + self.threshold)
        return current > best + self.threshold

    def _reduce_lr(self):
        old_lr = float(self.lr)
        new_lr = max(old_lr * self.factor, self.min_lr)
        if old_lr - new_lr > self.eps:
            self.lr = new_lr
        if self.lr <= self.min_lr:  # all_at_min with one group
            self.reset_start -= 1
            if self.reset_start <= 0:
                self._reset()

    def _increase_lr(self):
        old_lr = float(self.lr)
        new_lr = min(old_lr / self.factor, self.max_lr)
        if new_lr - old_lr > self.eps:
            self.lr = new_lr
        self.reset_start = self.reset_start_original

    def _reset(self):
        self.lr = self._init_lr
        self.best = float("inf") if self.mode == "min" else float("-inf")
        self.num_bad_epochs = 0
        self.num_good_epochs = 0
        self.cooldown_counter = 0
        self.warmup_counter = 0
        self.reset_start = self.reset_start_original
        if self.smooth and self._streaming_avg is not None:
            self._streaming_avg = StreamingAverage(self.window_size)


def noisy(n, seed, drift):
    """A deterministic noisy series (an LCG, so the tables do not depend on Python's RNG)."""
    out, state = [], seed
    for i in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        u = (state >> 11) / float(1 << 53)
        out.append(1.0 / (1.0 + drift * i) + 0.05 * (u - 0.5) + (0.3 if (i // 40) % 3 == 2 else 0.0))
    return out


CASES = [
    # name, constructor options (lr, min_lr, max_lr included), metric series
    ("improving then flat", dict(lr=0.1, factor=0.5, patience=2, min_lr=1e-3, max_lr=1.0),
     [1.0 / (1 + i) for i in range(12)] + [0.05] * 20),
    ("defaults, noisy", dict(lr=0.01, min_lr=1e-4, max_lr=0.5), noisy(400, 7, 0.02)),
    ("cooldown and warmup, rel threshold", dict(lr=0.05, factor=0.8, patience=3, cooldown=2, warmup=3,
                                                threshold=1e-3, threshold_mode="rel", min_lr=1e-3, max_lr=0.2),
     noisy(300, 11, 0.05)),
    ("max mode", dict(lr=0.02, mode="max", factor=0.9, patience=1, min_lr=1e-3, max_lr=0.1),
     [-v for v in noisy(200, 3, 0.03)]),
    ("smoothing window 5", dict(lr=0.1, factor=0.7, patience=2, smooth=True, window_size=5, min_lr=1e-3, max_lr=1.0),
     noisy(300, 5, 0.01)),
    ("reset at the floor", dict(lr=0.1, factor=0.5, patience=1, reset_start=3, min_lr=0.01, max_lr=1.0, smooth=True, window_size=3),
     [1.0, 0.5] + [0.6] * 40 + [0.4, 0.3, 0.2, 0.1, 0.05] + [0.06] * 30),
    # The survivors of `pnpm mutate rules:greedy` (docs/benchmarks.md). Thresholds at a scale
    # where rel and abs disagree, with values landing exactly on best·(1 ∓ threshold) or
    # best ∓ threshold (dyadic, so exact in floating point): such a value is not better.
    ("min mode, rel threshold at scale 64", dict(lr=0.1, factor=0.5, patience=1, threshold=0.25, threshold_mode="rel", min_lr=1e-3, max_lr=1.0),
     [64.0, 48.0, 47.0, 36.0, 35.25, 26.0, 25.5, 19.0, 64.0, 64.0, 18.0, 13.5, 13.0, 9.75, 9.0, 60.0, 60.0, 60.0]),
    ("min mode, abs threshold on the boundary", dict(lr=0.1, factor=0.5, patience=1, threshold=0.25, min_lr=1e-3, max_lr=1.0),
     [4.0, 3.75, 3.5, 3.25, 3.0, 2.75, 2.5, 2.0, 1.5, 1.25, 1.0, 5.0, 5.0, 5.0]),
    ("max mode, rel threshold at scale 16", dict(lr=0.1, mode="max", factor=0.5, patience=1, threshold=0.25, threshold_mode="rel", min_lr=1e-3, max_lr=1.0),
     [16.0, 20.0, 21.0, 26.25, 27.0, 33.75, 34.0, 1.0, 1.0, 43.0, 53.75, 54.0, 67.5, 70.0, 1.0, 1.0, 1.0]),
    ("max mode, abs threshold on the boundary", dict(lr=0.1, mode="max", factor=0.5, patience=1, threshold=0.5, min_lr=1e-3, max_lr=1.0),
     [1.0, 1.5, 1.75, 2.25, 2.5, 3.0, 3.5, 4.0, 0.0, 0.0, 0.0]),
    # A raise of exactly eps (1e-8 → 2e-8) is not made; nor a drop of exactly eps (0.02 → 0.01).
    ("tiny rate: a raise of eps is not made", dict(lr=1e-8, factor=0.5, patience=0, min_lr=1e-10, max_lr=1.0),
     [1.0 - 0.05 * i for i in range(12)]),
    ("large eps: drops under it are not made", dict(lr=0.03, factor=0.5, patience=0, eps=0.01, min_lr=1e-3, max_lr=1.0),
     [1.0 + i for i in range(8)]),
    ("large eps: a drop of exactly eps is not made", dict(lr=0.02, factor=0.5, patience=0, eps=0.01, min_lr=1e-3, max_lr=1.0),
     [1.0 + i for i in range(6)]),
]


def main():
    tables = []
    for name, options, metrics in CASES:
        scheduler = GreedyLR(**options)
        rates = []
        for m in metrics:
            scheduler.step(m)
            rates.append(scheduler.lr)
        tables.append({"name": name, "options": options, "metrics": metrics, "rates": rates})
    print(json.dumps({"source": "huggingface/transformers src/transformers/optimization.py GreedyLR (transcribed in greedy_lr.py)", "tables": tables}, indent=1))


if __name__ == "__main__":
    main()
