#!/usr/bin/env python3
"""SciPy values for packages/monitor/test/rules/slope-edges.test.ts (the survivors of
`pnpm mutate rules:slope`): scipy.stats.linregress(x = 0..n-1, y, alternative='less'),
whose p is P(T <= t) with n - 2 degrees of freedom (the rule's p in min mode).

Run with python3 and python3-scipy (not in CI):
    python3 packages/monitor/test/parity/generators/slope_edges.py
"""
import numpy as np
import scipy
from scipy import stats

CASES = {
    # A metric far from 0 (1e9 + small decimals): the slope from the deviations y - mean.
    "offset": [1e9 + v for v in [0.3, -0.1, -0.7, -0.2, -1.1, -0.9, -1.3, -1.2]],
    # A window whose slope is exactly 0 with a nonzero standard error: t 0, p exactly 0.5.
    "zero slope": [0.0, 1.0, 0.0],
    # Perfect lines (standard error 0).
    "perfect fall": [3.0, 2.0, 1.0],
    "perfect rise": [1.0, 2.0, 3.0],
    "flat": [2.0, 2.0, 2.0],
}

print("scipy", scipy.__version__)
for name, y in CASES.items():
    r = stats.linregress(np.arange(len(y)), np.array(y), alternative="less")
    t = float(r.slope / r.stderr) if r.stderr else float("nan")
    print(f"{name}: slope {float(r.slope)!r} stderr {float(r.stderr)!r} t {t!r} p {float(r.pvalue)!r}")
