/**
 * The ratio of medians of two samples with a seeded percentile-bootstrap 95% interval:
 * "how many times more steps does A need than B", with its uncertainty.
 *
 * Formula: r = median(A) / median(B); resample A and B with replacement (independently,
 * simple-statistics' `sampleWithReplacement`) `resamples` times, r* = median(A*) / median(B*);
 * the interval is the 2.5% and 97.5% quantiles of r* (simple-statistics' `quantile`).
 * Example: `bootstrapRatioOfMedians([200, 200, 200], [100, 100, 100])` → { ratio: 2, ci95: [2, 2] }.
 * Throws: on an empty sample, a non-finite value, or a non-positive median of B.
 */
import { median, quantile, sampleWithReplacement } from 'simple-statistics';
import { requireSample } from './require-sample';
import { seededRandom } from './seeded-random';

export interface RatioEstimate { ratio: number; ci95: [number, number]; resamples: number; seed: number }

export function bootstrapRatioOfMedians(
  a: readonly number[],
  b: readonly number[],
  options: { seed?: number; resamples?: number } = {},
): RatioEstimate {
  requireSample('bootstrapRatioOfMedians (first sample)', a);
  requireSample('bootstrapRatioOfMedians (second sample)', b);
  const { seed = 0, resamples = 4000 } = options;
  const mb = median([...b]);
  if (!(mb > 0)) throw new Error(`bootstrapRatioOfMedians requires a positive median of the second sample, got ${mb}.`);
  const random = seededRandom(seed);
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const ra = median(sampleWithReplacement([...a], a.length, random));
    const rb = median(sampleWithReplacement([...b], b.length, random));
    ratios.push(ra / Math.max(rb, Number.MIN_VALUE));
  }
  const [lo, hi] = quantile(ratios, [0.025, 0.975]);
  return { ratio: median([...a]) / mb, ci95: [lo, hi], resamples, seed };
}
