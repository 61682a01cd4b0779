/**
 * The exact null distribution of the Mann–Whitney U statistic for samples of n and m values
 * without ties: P(U = u) for u = 0 … n·m when every ordering of the pooled sample is equally
 * likely. What the exact Hodges–Lehmann interval and its p are read from (R's `dwilcox`).
 *
 * Formula: count the orderings by the largest value — an x, which exceeds all m values of y,
 * or a y: N(i, j, u) = N(i − 1, j, u − j) + N(i, j − 1, u), N(0, j, 0) = N(i, 0, 0) = 1;
 * P(U = u) = N(n, m, u) / C(n + m, n). Sums only (no cancellation), O(n²m²/4) additions:
 * about 1.4 million for 49 vs 49, the largest size R counts exactly.
 * Example: `mannWhitneyNullDistribution(2, 2)` → [1, 1, 2, 1, 1] / 6 (U of the 6 orderings:
 * yyxx 4, yxyx 3, yxxy 2, xyyx 2, xyxy 1, xxyy 0).
 * Throws: when n or m is not a whole number ≥ 1.
 */
export function mannWhitneyNullDistribution(n: number, m: number): number[] {
  for (const [name, v] of [['n', n], ['m', m]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`mannWhitneyNullDistribution requires ${name} to be a whole number ≥ 1 (a sample size), got ${v}.`);
  }
  // previous[j][u] = N(i − 1, j, u); current[j][u] = N(i, j, u)
  let previous: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n; i++) {
    const current: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= m; j++) {
      const counts = new Float64Array(i * j + 1);
      previous[j].forEach((c, u) => { counts[u + j] += c; }); // the largest value is an x: U gains j
      current[j - 1].forEach((c, u) => { counts[u] += c; }); // the largest value is a y
      current.push(counts);
    }
    previous = current;
  }
  const counts = previous[m];
  const total = counts.reduce((s, c) => s + c, 0);
  return Array.from(counts, (c) => c / total);
}
