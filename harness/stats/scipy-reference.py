"""Independent values for harness/stats tests (scipy 1.17, numpy 2.4): python3 harness/stats/scipy-reference.py"""
import itertools
import numpy as np
from scipy import stats

print("t.cdf", stats.t.cdf(2.0, 10), stats.t.cdf(-1.3, 3.7), stats.t.cdf(0.5, 1), stats.t.cdf(4.2, 57.3))
for x, y in [([1, 2, 3, 4], [2, 4, 6, 8, 10]), ([560, 610, 700], [400, 420, 450]), ([812, 1040, 655, 930], [400, 2900, 450])]:
    r = stats.ttest_ind(x, y, equal_var=False)
    print("welch", x, y, r.statistic, r.df, r.pvalue)

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

for x, y in [([1, 2, 3], [4, 5, 6]), ([812, 1040, 655, 930], [400, 2900, 450]), ([5, 1, 9, 3, 7], [2, 8, 4, 6]), ([10, 11, 12, 13, 14, 15], [1, 2, 3, 4, 5, 6])]:
    print("permutation", x, y, *exact_permutation(x, y))

# bootstrap of the ratio of medians on 40 vs 40 draws: the interval's endpoints (another RNG,
# so the test compares within a tolerance)
rng = np.random.default_rng(0)
a = np.round(rng.lognormal(np.log(600), 0.3, 40)); b = np.round(rng.lognormal(np.log(400), 0.3, 40))
print("a", a.astype(int).tolist()); print("b", b.astype(int).tolist())
r = [np.median(rng.choice(a, 40)) / np.median(rng.choice(b, 40)) for _ in range(20000)]
print("ratio", np.median(a) / np.median(b), "ci", np.quantile(r, [0.025, 0.975]))
