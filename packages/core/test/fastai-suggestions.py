"""Writes fastai-suggestions.json: the reference table for suggest-learning-rate.test.ts.

fastai 2.7's suggestion functions (fastai/callback/schedule.py, fastai/fastai at commit
0a049e8a90b86d70860f68072698245a1ee787ca: valley, slide, minimum, steep) and the trimming of
Learner.lr_find, transcribed into numpy. The function bodies are fastai's, line for line; the
only changes are torch -> numpy spellings (`lrs[1:].log()` -> `np.log(lrs[1:])`, `.item()` ->
`float(...)`, `torch.isnan` -> `np.isnan`) and float64 arrays instead of float32 tensors
(anneal works in double precision). Each returns just the suggestion, not the plot point.

Run once, by hand (not a CI dependency): python3 packages/core/test/fastai-suggestions.py
Written with Python 3 and numpy 2.4.6.
"""

import json
import math
import os

import numpy as np


# ---- fastai/callback/schedule.py (transcribed) -------------------------------------------
def valley(lrs, losses, num_it):
    "Suggests a learning rate from the longest valley and returns its index"
    n = len(losses)
    max_start, max_end = 0, 0

    # find the longest valley
    lds = [1] * n
    for i in range(1, n):
        for j in range(0, i):
            if (losses[i] < losses[j]) and (lds[i] < lds[j] + 1):
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]

    sections = (max_end - max_start) / 3
    idx = max_start + int(sections) + int(sections / 2)

    return float(lrs[idx])


def slide(lrs, losses, num_it, lr_diff=15, thresh=.005, adjust_value=1.):
    "Suggests a learning rate following an interval slide rule and returns its index"
    loss_grad = np.gradient(losses)

    r_idx = -1
    l_idx = r_idx - lr_diff
    local_min_lr = lrs[l_idx]
    while (l_idx >= -len(losses)) and (abs(loss_grad[r_idx] - loss_grad[l_idx]) > thresh):
        local_min_lr = lrs[l_idx]
        r_idx -= 1
        l_idx -= 1

    suggestion = float(local_min_lr) * adjust_value
    return suggestion


def minimum(lrs, losses, num_it):
    "Suggests a learning rate one-tenth the minumum before divergance and returns its index"
    lr_min = float(lrs[losses.argmin()])
    return lr_min / 10


def steep(lrs, losses, num_it):
    "Suggests a learning rate when the slope is the steepest and returns its index"
    grads = (losses[1:] - losses[:-1]) / (np.log(lrs[1:]) - np.log(lrs[:-1]))
    lr_steep = float(lrs[grads.argmin()])
    return lr_steep


# ---- Learner.lr_find's trimming (transcribed) ----------------------------------------------
def suggest(recorded_lrs, recorded_losses, num_it, func):
    lrs, losses = np.array(recorded_lrs[num_it // 10:-5]), np.array(recorded_losses[num_it // 10:-5])
    nan_idxs = np.nonzero(np.isnan(losses.reshape(-1)))[0]
    if len(nan_idxs) > 0:
        drop_idx = min(nan_idxs)
        lrs = lrs[:drop_idx]
        losses = losses[:drop_idx]
    try:
        with np.errstate(all='ignore'):
            return func(lrs, losses, num_it)
    except (IndexError, ValueError):
        return None  # fastai fails on a curve this short


# ---- curves -------------------------------------------------------------------------------
def schedule(start, end, num_it, mode):
    "fastai's SchedExp (and SchedLin) at pos = i / num_it, for batches i = 0 .. num_it - 1."
    if mode == 'exp':
        return [start * (end / start) ** (i / num_it) for i in range(num_it)]
    return [start + (i / num_it) * (end - start) for i in range(num_it)]


def smooth(raw, beta=0.98):
    "fastai's AvgSmoothLoss: torch.lerp(loss, val, beta), debiased by 1 - beta**count."
    val, out = 0.0, []
    for count, loss in enumerate(raw, start=1):
        val = loss + beta * (val - loss)
        out.append(val / (1 - beta ** count))
    return out


def range_test(rng, num_it, mode='exp', start=1e-7, end=10.0, noise=0.05, diverge=4.0):
    "A synthetic range test: a loss that falls, bottoms out near lr 1e-2, then blows up."
    lrs = schedule(start, end, num_it, mode)
    raw, best, kept = [], math.inf, []
    for lr in lrs:
        x = math.log10(lr)
        loss = 2.3 - 1.8 / (1 + math.exp(-(x + 4))) + 0.9 * math.exp(3.0 * (x + 1.5)) + noise * rng.standard_normal()
        raw.append(loss)
        s = smooth(raw)[-1]
        kept.append(lr)
        best = min(best, s)
        if s > diverge * best:
            break
    return kept, smooth(raw)


def encode(values):
    return [v if math.isfinite(v) else str(v).replace('inf', 'Infinity').replace('nan', 'NaN') for v in values]


def main():
    rng = np.random.default_rng(20261130)
    cases = []

    def add(name, lrs, losses, num_it):
        row = {'name': name, 'numIter': num_it, 'lrs': encode(lrs), 'losses': encode(losses)}
        for f in (valley, slide, minimum, steep):
            row[f.__name__] = suggest(list(lrs), list(losses), num_it, f)
        cases.append(row)

    lrs, losses = range_test(rng, 100)
    add('typical range test, 100 batches, stopped at divergence', lrs, losses, 100)
    lrs, losses = range_test(rng, 100, noise=0.0, diverge=math.inf)
    add('noise-free, run to the end', lrs, losses, 100)
    lrs, losses = range_test(rng, 300, noise=0.2)
    add('noisy, 300 batches', lrs, losses, 300)
    lrs, losses = range_test(rng, 100, mode='linear', start=1e-4, end=1.0)
    add('linear step mode', lrs, losses, 100)
    lrs, losses = range_test(rng, 100, diverge=math.inf)
    losses = losses[:60] + [math.nan] + losses[61:]
    add('a NaN at batch 60: cut there', lrs, losses, 100)
    lrs, losses = range_test(rng, 100, diverge=math.inf)
    losses = losses[:70] + [math.inf, math.inf, math.inf] + losses[73:]
    add('infinite losses (steep meets inf - inf = NaN)', lrs, losses, 100)
    add('strictly decreasing, two points left: valley reads lrs[-1]', schedule(1e-3, 1.0, 7, 'exp'), [7, 6, 5, 4, 3, 2, 1], 1)
    add('strictly decreasing, 30 points', schedule(1e-5, 1.0, 40, 'exp'), [40.0 - i for i in range(40)], 40)
    add('strictly increasing: valley at the first point', schedule(1e-5, 1.0, 40, 'exp'), [1.0 + i for i in range(40)], 40)
    add('flat with ties', schedule(1e-5, 1.0, 40, 'exp'), [1.0, 0.5] * 20, 40)
    add('too short for slide', schedule(1e-5, 1.0, 20, 'exp'), [3.0 - 0.1 * i for i in range(20)], 20)
    add('too short for anything', schedule(1e-5, 1.0, 5, 'exp'), [1.0, 0.9, 0.8, 0.7, 0.6], 5)
    add('numIter above the length (an early stop)', schedule(1e-7, 10.0, 100, 'exp')[:50], smooth(list(rng.standard_normal(50) + 3)), 100)
    for k in range(24):
        n = int(rng.integers(8, 120))
        num_it = int(rng.integers(6, 2 * n))
        walk = list(np.cumsum(rng.standard_normal(n) * 0.05) + 2.0)
        add(f'random walk {k}', schedule(1e-6, 1.0, n, 'exp'), walk, num_it)

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fastai-suggestions.json')
    with open(out, 'w') as f:
        json.dump({'source': 'packages/core/test/fastai-suggestions.py (fastai 2.7 schedule.py, transcribed)', 'cases': cases}, f, indent=1)
        f.write('\n')
    print(f'wrote {len(cases)} cases to {out}')


if __name__ == '__main__':
    main()
