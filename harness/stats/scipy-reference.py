"""Independent expected values for the harness/stats tests, written to scipy-reference.json.

Run after `apt-get install -y python3-scipy` (Debian's scipy 1.10 / numpy 1.24 made the
committed file):  /usr/bin/python3 harness/stats/scipy-reference.py
Every number the tests compare against comes from scipy, numpy or plain enumeration here —
never from the TypeScript under test. Censored runs are +inf here and null in the JSON.
"""
import itertools
import json
import math
import os

import numpy as np
from scipy import stats

out = {"generator": "harness/stats/scipy-reference.py", "scipy": __import__("scipy").__version__, "numpy": np.__version__}


def plain(v):
    """JSON has no infinity: a censored run (+inf) is written as null."""
    return [None if math.isinf(x) else x for x in v]


out["tCdf"] = [{"t": t, "dof": dof, "p": float(stats.t.cdf(t, dof))} for t, dof in [(2.0, 10), (-1.3, 3.7), (0.5, 1), (4.2, 57.3)]]


def welch_dof(x, y):
    vx, vy = np.var(x, ddof=1) / len(x), np.var(y, ddof=1) / len(y)
    return float((vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1)))


out["welch"] = []
for x, y in [([1, 2, 3, 4], [2, 4, 6, 8, 10]), ([560, 610, 700], [400, 420, 450]), ([812, 1040, 655, 930], [400, 2900, 450])]:
    r = stats.ttest_ind(x, y, equal_var=False)
    out["welch"].append({"x": x, "y": y, "t": float(r.statistic), "dof": welch_dof(x, y), "p": float(r.pvalue)})


def exact_permutation(x, y):
    pool = x + y
    observed = abs(np.mean(x) - np.mean(y))
    hits = total = 0
    for chosen in itertools.combinations(range(len(pool)), len(x)):
        xs = [pool[i] for i in chosen]
        ys = [pool[i] for i in range(len(pool)) if i not in chosen]
        total += 1
        hits += abs(np.mean(xs) - np.mean(ys)) >= observed - 1e-12
    return hits / total, total


out["permutation"] = []
for x, y in [([1, 2, 3], [4, 5, 6]), ([812, 1040, 655, 930], [400, 2900, 450]), ([5, 1, 9, 3, 7], [2, 8, 4, 6]), ([10, 11, 12, 13, 14, 15], [1, 2, 3, 4, 5, 6])]:
    p, total = exact_permutation(x, y)
    out["permutation"].append({"x": x, "y": y, "p": p, "splits": total})

# bootstrap of the ratio of medians on 40 vs 40 draws: the interval's endpoints (another RNG,
# so the test compares within a tolerance)
rng = np.random.default_rng(0)
a = np.round(rng.lognormal(np.log(600), 0.3, 40)); b = np.round(rng.lognormal(np.log(400), 0.3, 40))
r = [np.median(rng.choice(a, 40)) / np.median(rng.choice(b, 40)) for _ in range(20000)]
out["ratioOfMedians"] = {"a": a.astype(int).tolist(), "b": b.astype(int).tolist(), "ratio": float(np.median(a) / np.median(b)),
                         "ci95": [float(q) for q in np.quantile(r, [0.025, 0.975])]}

# Mann–Whitney: U of the first sample, the two-sided asymptotic test (tie + continuity
# corrections), and P(X < Y) = U(y, x) / (n_x n_y); inf = a censored run
inf = math.inf
out["mannWhitney"] = []
for x, y in [([1, 4, 8], [9, 12, 15]), ([1, 2, 3, 4], [5, 6, 7, 8]), ([560, 610, 700, 610], [400, 610, 450, 700, 500]),
             ([812, 1040, 655, 930], [400, 2900, 450]), ([400, 500, inf, inf], [450, inf, 300]),
             ([3, 3, 3, 1, 2, 7, 7, 9, 10, 4], [3, 5, 5, 5, 8, 9, 9, 11, 12, 12, 3])]:
    u = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    out["mannWhitney"].append({"x": plain(x), "y": plain(y), "u": float(u.statistic), "p": float(u.pvalue),
                               "probabilityOfImprovement": float(stats.mannwhitneyu(y, x).statistic) / (len(x) * len(y))})

# interquartile mean: rliable's aggregate_iqm is scipy.stats.trim_mean(x, 0.25)
out["iqm"] = [{"x": x, "iqm": float(stats.trim_mean(x, 0.25))}
              for x in [[100, 200, 300, 1000], [5, 1, 4], [1, 2, 3, 4, 5], [8, 1, 7, 2, 6, 3, 5, 4], [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000]]]

# seeds to resolve: the same resampling estimate, independently — numpy's generator and
# scipy's Mann–Whitney test — on two normal samples one standard deviation apart
x = np.round(rng.normal(1000, 200, 30)); y = np.round(rng.normal(800, 200, 30))
power = {}
for n in range(2, 31):
    xs = rng.choice(x, (20000, n)); ys = rng.choice(y, (20000, n))
    res = stats.mannwhitneyu(xs, ys, axis=1, alternative="two-sided", method="asymptotic")
    direction = res.statistic > n * n / 2
    power[n] = float(np.mean((res.pvalue < 0.05) & direction))
seeds = min(n for n, p in power.items() if p >= 0.8)
out["seedsToResolve"] = {"x": x.astype(int).tolist(), "y": y.astype(int).tolist(), "simulations": 20000, "seeds": seeds,
                         "powerBySeeds": {str(n): p for n, p in power.items()}}

# stratified-bootstrap percentile intervals of the IQM (of x) and of P(X < Y), numpy's generator:
# each sample redrawn on its own, 20,000 times (another RNG, so the test allows a tolerance)
rng = np.random.default_rng(1)
x = np.round(rng.lognormal(np.log(600), 0.3, 30)); y = np.round(rng.lognormal(np.log(500), 0.3, 30))
xs = rng.choice(x, (20000, len(x))); ys = rng.choice(y, (20000, len(y)))
iqms = stats.trim_mean(xs, 0.25, axis=1)
pois = stats.mannwhitneyu(ys, xs, axis=1).statistic / (len(x) * len(y))
out["bootstrapIntervals"] = {"x": x.astype(int).tolist(), "y": y.astype(int).tolist(), "resamples": 20000,
                             "iqm": float(stats.trim_mean(x, 0.25)), "iqmCi95": [float(q) for q in np.quantile(iqms, [0.025, 0.975])],
                             "probabilityOfImprovement": float(stats.mannwhitneyu(y, x).statistic) / (len(x) * len(y)),
                             "probabilityOfImprovementCi95": [float(q) for q in np.quantile(pois, [0.025, 0.975])]}

# Hodges–Lehmann ratio A/B: the median of all pairwise ratios (numpy, brute force) and its
# distribution-free interval, the order statistics C and N + 1 − C of the N = n·m pairwise
# log-differences. C from the exact null distribution of U — enumerated here: which ranks
# the first sample takes, every choice equally likely — when there are no ties and n, m < 50;
# otherwise from the tie-corrected normal approximation, C = ceil(N/2 − 1/2 − z·σ). C < 1
# (too few runs for a 95% interval) falls back to C = 1 with the coverage it has. p: scipy's
# exact or asymptotic two-sided mannwhitneyu, whichever the interval used.
def hodges_lehmann_ratio(a, b, alpha=0.05):
    a, b = np.asarray(a, float), np.asarray(b, float)
    n, m = len(a), len(b)
    N = n * m
    d = np.sort(np.subtract.outer(np.log(a), np.log(b)).ravel())
    ties = len(np.unique(np.concatenate([a, b]))) < n + m
    if not ties and n < 50 and m < 50:
        method = "exact"
        counts = np.zeros(N + 1)
        for ranks in itertools.combinations(range(n + m), n):
            counts[sum(ranks) - n * (n - 1) // 2] += 1
        cdf = np.cumsum(counts) / counts.sum()
        c = int(np.argmax(cdf >= alpha / 2))
        coverage = lambda k: 1 - 2 * (cdf[k - 1] if k >= 1 else 0)
        p = stats.mannwhitneyu(a, b, alternative="two-sided", method="exact").pvalue
    else:
        method = "normal"
        _, t = np.unique(np.concatenate([a, b]), return_counts=True)
        sigma = math.sqrt(n * m / 12 * ((n + m + 1) - (t ** 3 - t).sum() / ((n + m) * (n + m - 1))))
        c = math.ceil(N / 2 - 0.5 - stats.norm.ppf(1 - alpha / 2) * sigma)
        coverage = lambda k: 1 - 2 * stats.norm.cdf((k - 0.5 - N / 2) / sigma)
        p = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic", use_continuity=True).pvalue
    c = max(c, 1)
    return {"a": a.tolist(), "b": b.tolist(), "method": method, "ratio": float(np.exp(np.median(d))), "rank": c,
            "ci": [float(np.exp(d[c - 1])), float(np.exp(d[N - c]))], "confidence": float(coverage(c)), "p": float(p)}


rng = np.random.default_rng(2)
twelve = np.round(rng.lognormal(np.log(600), 0.4, 12)); ten = np.round(rng.lognormal(np.log(450), 0.4, 10))
sixty = np.round(rng.lognormal(np.log(600), 0.4, 60)); fifty_five = np.round(rng.lognormal(np.log(520), 0.4, 55))
# the reference LSTM against the peepLSTM on the scaled 2020-DE profile (binary palindromes L = 10,
# hidden 32, batch 32, 600 steps, evaluated every 25), seeds 0-23; 600 = censored
lstm = [175, 150, 325, 175, 75, 75, 75, 100, 300, 300, 300, 600, 75, 50, 500, 75, 125, 350, 600, 75, 175, 150, 600, 350]
peep = [75, 250, 200, 75, 75, 75, 50, 75, 75, 75, 125, 175, 125, 175, 125, 50, 50, 225, 50, 175, 50, 50, 125, 150]
out["hodgesLehmann"] = [hodges_lehmann_ratio(a, b) for a, b in [
    ([3, 6], [1, 2]), ([560, 610, 700], [400, 420, 450]), ([812, 1040, 655, 930], [400, 2900, 450]),
    ([10, 11, 12, 13, 14, 15], [21, 22, 24, 26, 28, 30]), (twelve, ten),
    ([2, 4], [1, 2]), ([400, 500, 1000, 1000], [300, 350, 1000]), (sixty, fifty_five),
    (lstm[:12], peep[:12]), (lstm, peep)]]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy-reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", path)
