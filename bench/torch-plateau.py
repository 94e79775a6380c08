#!/usr/bin/env python3
"""PyTorch's ReduceLROnPlateau.step(float), timed on the stream `pnpm bench monitor` replays.

The reference point for the monitor's throughput (docs/benchmarks.md): the same
deterministic noisy loss (mulberry32, ported from bench/monitor.bench.ts), the same
options (mode min, rel threshold 1e-4, patience 10, factor 0.5, cooldown 2, eps 1e-8,
min_lr 1e-6, lr 0.1), Python included. Needs Debian's python3-torch; never run in CI:
    /usr/bin/python3 bench/torch-plateau.py [observations] [rounds]
"""
import statistics
import sys
import time

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau


def loss_stream(n):
    out, seed = [], 0x9E3779B9
    mask = 0xFFFFFFFF

    def imul(a, b):
        return ((a & mask) * (b & mask)) & mask

    def signed(x):
        x &= mask
        return x - (1 << 32) if x & 0x80000000 else x

    for i in range(n):
        seed = signed(seed + 0x6D2B79F5)
        s = seed & mask
        t = imul(s ^ (s >> 15), s | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & mask
        u = ((t ^ (t >> 14)) & mask) / 4294967296
        out.append((1 / (1 + i / 50)) * (1 + 0.05 * u) + ((i % 20000) / 20000) * 0.1)
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    losses = loss_stream(n)
    times, reductions = [], 0  # reductions are counted once, outside the timed rounds
    for _ in range(rounds):
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
        scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=10, threshold=1e-4,
                                      threshold_mode="rel", cooldown=2, min_lr=1e-6, eps=1e-8)
        step = scheduler.step
        start = time.perf_counter()
        for loss in losses:
            step(loss)
        times.append(time.perf_counter() - start)
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=10, threshold=1e-4,
                                  threshold_mode="rel", cooldown=2, min_lr=1e-6, eps=1e-8)
    for loss in losses:
        before = optimizer.param_groups[0]["lr"]
        scheduler.step(loss)
        reductions += optimizer.param_groups[0]["lr"] < before
    median = statistics.median(times)
    print(f"torch {torch.__version__}, python {sys.version.split()[0]}: ReduceLROnPlateau.step(float) x {n:,}, "
          f"median of {rounds} rounds {median * 1e3:.1f} ms = {median / n * 1e9:.0f} ns/step = {n / median:.3g} steps/s; "
          f"{reductions} reductions")


if __name__ == "__main__":
    main()
