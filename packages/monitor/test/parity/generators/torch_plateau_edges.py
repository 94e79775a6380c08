#!/usr/bin/env python3
"""Reference rates for three edges of torch.optim.lr_scheduler.ReduceLROnPlateau, from
real PyTorch (Debian python3-torch 1.13): a rate that starts below min_lr, -inf as the
best in min mode (+inf in max mode), factor 0, and a relative threshold above 1 in min mode
(mode_worse · (1 − threshold) = -inf: no value is ever better, not even the first).

Run with Debian's python3 (not in CI):
    /usr/bin/python3 packages/monitor/test/parity/generators/torch_plateau_edges.py > packages/monitor/test/parity/fixtures/torch-plateau-edges.json
"""
import json
import math

import torch
from torch.optim.lr_scheduler import ReduceLROnPlateau

INF = float("inf")

CASES = [
    ("starts below min_lr", dict(lr=1e-7), dict(mode="min", factor=0.5, patience=2, min_lr=1e-6), [1.0] * 12),
    ("starts below min_lr, improving then flat", dict(lr=1e-4), dict(mode="min", factor=0.1, patience=1, min_lr=1e-3),
     [1.0, 0.5, 0.25, 0.25, 0.25, 0.25, 0.25]),
    ("-inf becomes the best in min mode", dict(lr=0.1), dict(mode="min", factor=0.5, patience=1, min_lr=0.0),
     [1.0, -INF, 0.5, 0.25, 0.1, -1.0, 0.0]),
    ("+inf becomes the best in max mode", dict(lr=0.1), dict(mode="max", factor=0.5, patience=1, min_lr=0.0),
     [0.1, INF, 0.5, 0.9, 1.0, 2.0]),
    ("factor 0 drops straight to min_lr", dict(lr=0.1), dict(mode="min", factor=0.0, patience=1, min_lr=0.001),
     [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5]),
    ("rel threshold 2 in min mode: no value beats mode_worse", dict(lr=0.1),
     dict(mode="min", factor=0.5, patience=1, min_lr=0.0, threshold=2.0), [1.0, 0.5, 0.25, 0.1, 0.05]),
]


def spell(x):
    return x if math.isfinite(x) else str(x).replace("inf", "Infinity")


def main():
    tables = []
    for name, optim, options, metrics in CASES:
        params = [torch.nn.Parameter(torch.zeros(1))]
        optimizer = torch.optim.SGD(params, lr=optim["lr"])
        scheduler = ReduceLROnPlateau(optimizer, **options)
        rates, bests = [], []
        for m in metrics:
            scheduler.step(m)
            rates.append(optimizer.param_groups[0]["lr"])
            bests.append(spell(scheduler.best))
        tables.append({"name": name, "lr": optim["lr"], "options": options, "metrics": [spell(m) for m in metrics],
                       "rates": rates, "best": bests})
    print(json.dumps({"source": f"torch {torch.__version__} ReduceLROnPlateau", "tables": tables}, indent=1))


if __name__ == "__main__":
    main()
