/**
 * The variance of the Mann–Whitney U statistic under the null hypothesis, corrected for
 * ties: what both the asymptotic test (`mannWhitneyTest`) and the Hodges–Lehmann interval's
 * normal approximation (`hodgesLehmannRatio`) divide by. Censored runs, all counted as the
 * budget, are one group of ties.
 *
 * Formula: σ² = n_x n_y / 12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))), n = n_x + n_y, t the size
 * of each group of equal values in the pooled sample (scipy's `_tie_term`; R's NTIES).
 * Example: `mannWhitneyVariance([2, 4], [1, 2])` → 4/12 · (5 − 6/12) = 1.5 (one pair of 2s).
 * Throws: never; callers check their samples (an empty pooled sample gives 0).
 */
export function mannWhitneyVariance(x: readonly number[], y: readonly number[]): number {
  const n = x.length + y.length;
  const counts = new Map<number, number>();
  for (const v of [...x, ...y]) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t ** 3 - t;
  return ((x.length * y.length) / 12) * (n + 1 - (n > 1 ? tieTerm / (n * (n - 1)) : 0));
}
