/**
 * Two-sided permutation test of a difference in means — the honest test for the 3 seeds
 * a course asks for, where a t-test's normality assumption cannot be checked.
 *
 * Formula: p = #{splits with |mean(X*) − mean(Y*)| ≥ |mean(X) − mean(Y)|} / #splits over
 * every way of dealing the pooled values into groups of the original sizes (exact, via
 * simple-statistics' `combinations`) while there are at most `exactLimit` splits; above
 * that, simple-statistics' Monte-Carlo `permutationTest` with a seeded random source.
 * Example: `permutationTest([1, 2, 3], [4, 5, 6])` → { p: 0.1, exact: true, splits: 20 }
 * (only the observed split and its mirror are as extreme: 2 of 20).
 * Throws: on an empty sample or a non-finite value.
 */
import { combinations, mean, permutationTest as monteCarloPermutationTest } from 'simple-statistics';
import { requireSample } from './require-sample';
import { seededRandom } from './seeded-random';

export interface PermutationResult {
  p: number;
  /** true when every split was enumerated */
  exact: boolean;
  /** splits enumerated (exact) or drawn (Monte Carlo) */
  splits: number;
  /** the smallest p-value this test can return for these sample sizes */
  minimumP: number;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

export function permutationTest(
  x: readonly number[],
  y: readonly number[],
  options: { seed?: number; exactLimit?: number; draws?: number } = {},
): PermutationResult {
  requireSample('permutationTest (first sample)', x);
  requireSample('permutationTest (second sample)', y);
  const { seed = 0, exactLimit = 20_000, draws = 10_000 } = options;
  const pooled = [...x, ...y];
  const total = binomial(pooled.length, x.length);
  if (total > exactLimit) {
    const p = monteCarloPermutationTest([...x], [...y], 'two_side', draws, seededRandom(seed));
    return { p, exact: false, splits: draws, minimumP: 1 / draws };
  }
  const observed = Math.abs(mean([...x]) - mean([...y]));
  const tolerance = 1e-12 * Math.max(1, observed);
  const indices = pooled.map((_, i) => i);
  let extreme = 0;
  for (const chosen of combinations(indices, x.length)) {
    const inX = new Set(chosen);
    const xs = chosen.map((i) => pooled[i]);
    const ys = indices.filter((i) => !inX.has(i)).map((i) => pooled[i]);
    if (Math.abs(mean(xs) - mean(ys)) >= observed - tolerance) extreme++;
  }
  // the observed split and its mirror image are always at least as extreme when sizes are equal
  const minimumP = (x.length === y.length ? 2 : 1) / total;
  return { p: extreme / total, exact: true, splits: total, minimumP };
}
