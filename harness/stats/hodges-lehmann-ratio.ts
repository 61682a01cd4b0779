/**
 * How many times B's steps-to-target A needs: the Hodges–Lehmann estimate of the ratio A/B
 * — the median of all n·m pairwise ratios a_i / b_j — with its distribution-free confidence
 * interval from the Mann–Whitney distribution (Moses 1953, Bauer 1972; R's
 * `wilcox.test(log a, log b, conf.int = TRUE)`) and the two-sided Mann–Whitney p it goes
 * with. A rank statistic: when one implementation's seeds split into early and late
 * convergers, the ratio of medians and its bootstrap interval jump between the two groups,
 * while every pair of runs moves this estimate only by its rank.
 *
 * Formula: d = the sorted N = n·m differences ln a_i − ln b_j; ratio = exp(median d);
 * interval = [exp d_(C), exp d_(N+1−C)] (1-based order statistics), where C is
 *  - exact (no ties and n, m < 50, as R): the smallest c with P(U ≤ c) ≥ α/2 under the null
 *    (`mannWhitneyNullDistribution`); it covers 1 − 2·P(U ≤ C − 1) ≥ 1 − α;
 *    p = min(1, 2·P(U ≤ min(U_a, N − U_a)));
 *  - normal otherwise (ties — e.g. censored runs, all counted as the budget — or larger
 *    samples): C = ⌈N/2 − ½ − z_{1−α/2}·σ⌉, σ² tie-corrected (`mannWhitneyVariance`), covering
 *    1 − 2Φ((C − ½ − N/2)/σ); p = `mannWhitneyTest`'s (continuity- and tie-corrected).
 * When C < 1 the samples are too small for any finite 1 − α interval (3 vs 3 runs:
 * P(U = 0) = 1/20 > 0.025): C = 1 is used and `confidence` says what it covers (3 vs 3: 90%),
 * as R does with a warning.
 * The interval excludes 1 exactly when p < α (test–interval duality). With ties an endpoint
 * can be exactly 1 (a pair of runs that reached the target at the same evaluation): 1 is
 * then outside the interval when p < α, as R's root-finding puts that endpoint just past the
 * tie — `excludesOne` says which.
 * Example: A = [3, 6], B = [1, 2] → ratios 3, 1.5, 6, 3 → ratio 3; 2 vs 2 is exact, P(U = 0) =
 *   1/6 → C = 1, interval [1.5, 6] covering 1 − 2/6 = 67%; U_a = 4 → p = 2·(1/6) = 1/3.
 * Throws: on an empty sample or a value that is not a positive finite number.
 */
import { errorFunction, probit } from 'simple-statistics';
import { mannWhitneyNullDistribution } from './mann-whitney-null-distribution';
import { mannWhitneyTest } from './mann-whitney-test';
import { mannWhitneyU } from './mann-whitney-u';
import { mannWhitneyVariance } from './mann-whitney-variance';

export interface HodgesLehmannRatio {
  /** median of the pairwise ratios a_i / b_j: > 1 means A needs more steps */
  ratio: number;
  /** the distribution-free interval of the ratio, [low, high] */
  ci: [number, number];
  /** what the interval covers: ≥ 1 − α, or less when the samples cannot reach it (3 vs 3: 0.9) */
  confidence: number;
  /** whether the interval reaches 1 − α; false when the samples are too few (any 1 − α interval is then (0, ∞)) */
  atLevel: boolean;
  /** two-sided Mann–Whitney p of ratio = 1 */
  p: number;
  /** whether 1 lies outside the interval at level 1 − α (a tied endpoint at exactly 1 included) */
  excludesOne: boolean;
  method: 'exact' | 'normal';
}

/** Below this many values on both sides, without ties, the interval is read from the exact distribution (R's rule). */
export const EXACT_BELOW = 50;

const normalCdf = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));

/** Φ⁻¹(q): simple-statistics' `probit` (1.9572 for 0.975, 3·10⁻³ off) polished by Newton steps on Φ to 1.95996. */
function normalQuantile(q: number): number {
  let z = probit(q);
  for (let i = 0; i < 3; i++) z -= (normalCdf(z) - q) / (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI));
  return z;
}

function requirePositive(where: string, x: readonly number[]): void {
  if (!Array.isArray(x) || x.length === 0 || !x.every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)) {
    const shown = Array.isArray(x) ? `[${x.slice(0, 6).join(', ')}${x.length > 6 ? ', …' : ''}] (${x.length} values)` : String(x);
    throw new Error(`${where} requires at least 1 positive finite number of steps (a censored run counted as the budget), got ${shown}.`);
  }
}

export function hodgesLehmannRatio(a: readonly number[], b: readonly number[], options: { alpha?: number } = {}): HodgesLehmannRatio {
  const { alpha = 0.05 } = options;
  requirePositive('hodgesLehmannRatio (first sample)', a);
  requirePositive('hodgesLehmannRatio (second sample)', b);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`hodgesLehmannRatio requires alpha in (0, 1), got ${alpha}.`);
  const n = a.length;
  const m = b.length;
  const N = n * m;
  const d = a.flatMap((ai) => b.map((bj) => Math.log(ai) - Math.log(bj))).sort((u, v) => u - v); // [N]
  const median = N % 2 ? d[(N - 1) / 2] : (d[N / 2 - 1] + d[N / 2]) / 2;
  const ties = new Set([...a, ...b]).size < n + m;

  let c: number;
  let coverage: (c: number) => number;
  let p: number;
  const method: HodgesLehmannRatio['method'] = !ties && n < EXACT_BELOW && m < EXACT_BELOW ? 'exact' : 'normal';
  if (method === 'exact') {
    const cdf: number[] = [];
    mannWhitneyNullDistribution(n, m).forEach((q, u) => cdf.push((cdf[u - 1] ?? 0) + q));
    c = cdf.findIndex((q) => q >= alpha / 2);
    coverage = (k) => 1 - 2 * (cdf[k - 1] ?? 0);
    const ua = mannWhitneyU(a, b);
    p = Math.min(1, 2 * cdf[Math.min(ua, N - ua)]);
  } else {
    const sigma = Math.sqrt(mannWhitneyVariance(a, b));
    c = sigma > 0 ? Math.ceil(N / 2 - 0.5 - normalQuantile(1 - alpha / 2) * sigma) : 0;
    coverage = (k) => (sigma > 0 ? 1 - 2 * normalCdf((k - 0.5 - N / 2) / sigma) : 0);
    p = mannWhitneyTest(a, b).p;
  }
  const atLevel = c >= 1;
  if (!atLevel) c = 1;
  const ci: [number, number] = [Math.exp(d[c - 1]), Math.exp(d[N - c])];
  const excludesOne = atLevel && (ci[0] > 1 || ci[1] < 1 || ((ci[0] === 1 || ci[1] === 1) && p < alpha));
  return { ratio: Math.exp(median), ci, confidence: coverage(c), atLevel, p, excludesOne, method };
}
