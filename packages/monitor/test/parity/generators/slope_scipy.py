#!/usr/bin/env python3
"""Reference tables for the `slope` rule, computed with SciPy.

For each window of values: scipy.stats.linregress (slope and its standard error against
positions 0..n-1), t = slope / stderr (negated in max mode) and p = scipy.stats.t.cdf(t, n - 2).
Then whole runs: the rule's decisions over a series, replayed here with the same test.

Run with Debian's python3 and python3-scipy (not in CI):
    /usr/bin/python3 packages/monitor/test/parity/generators/slope_scipy.py > packages/monitor/test/parity/fixtures/slope-scipy.json
"""
import json
import math

import scipy
from scipy import stats


def lcg(seed):
    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield (state >> 11) / float(1 << 53)


def window_cases():
    rng = lcg(42)
    cases = [
        ("clear improvement", "min", [1.0, 0.9, 0.8, 0.75, 0.72]),
        ("flat and noisy", "min", [0.72, 0.73, 0.71, 0.72, 0.72]),
        ("worsening", "min", [0.5, 0.52, 0.55, 0.54, 0.6]),
        ("max mode improving", "max", [0.1, 0.2, 0.25, 0.3, 0.32, 0.4]),
        ("three values", "min", [3.0, 2.0, 2.5]),
        ("negative metric", "min", [-1.0, -1.1, -1.05, -1.2, -1.22, -1.3, -1.31]),
    ]
    for k in range(24):
        n = 3 + k % 10
        drift = [-0.05, -0.01, 0.0, 0.01][k % 4]
        noise = [0.001, 0.01, 0.05][k % 3]
        values = [1.0 + drift * i + noise * (next(rng) - 0.5) for i in range(n)]
        cases.append((f"random {k}", "min" if k % 5 else "max", values))
    out = []
    for name, mode, values in cases:
        fit = stats.linregress(list(range(len(values))), values)
        directed = fit.slope if mode == "min" else -fit.slope
        t = directed / fit.stderr
        p = float(stats.t.cdf(t, len(values) - 2))
        out.append({"name": name, "mode": mode, "values": values, "slope": fit.slope, "t": t, "p": p})
    return out


def run_case(values, mode, window, significance, cooldown):
    """The rule's decisions over a series (steps 1, 2, ...): the steps at which it drops."""
    kept, wait, drops = [], 0, []
    for step, v in enumerate(values, start=1):
        if wait > 0:
            wait -= 1
            continue
        kept = (kept + [v])[-window:]
        if len(kept) < window:
            continue
        fit = stats.linregress(list(range(window)), kept)
        directed = fit.slope if mode == "min" else -fit.slope
        if fit.stderr == 0:
            p = 0.0 if directed < 0 else 1.0
        else:
            p = float(stats.t.cdf(directed / fit.stderr, window - 2))
        if p > significance:
            drops.append(step)
            kept, wait = [], cooldown
    return drops


def run_cases():
    rng = lcg(7)
    series = [1.0 / (1.0 + 0.05 * i) + 0.02 * (next(rng) - 0.5) for i in range(200)]
    out = []
    for window, significance, cooldown, mode in [(5, 0.05, 0, "min"), (10, 0.05, 2, "min"), (20, 0.01, 0, "min"), (8, 0.1, 1, "max")]:
        values = series if mode == "min" else [-v for v in series]
        out.append({"window": window, "significance": significance, "cooldown": cooldown, "mode": mode, "values": values,
                    "drops": run_case(values, mode, window, significance, cooldown)})
    return out


if __name__ == "__main__":
    print(json.dumps({"source": f"scipy {scipy.__version__}: stats.linregress, stats.t.cdf", "windows": window_cases(), "runs": run_cases()}, indent=1))
