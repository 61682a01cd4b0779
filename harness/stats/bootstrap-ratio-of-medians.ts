/**
 * The ratio of medians of two samples with a seeded percentile-bootstrap 95% interval:
 * "how many times more steps does A need than B", with its uncertainty.
 *
 * Formula: r = median(A) / median(B); the interval is `stratifiedBootstrap` of
 * median(A*) / median(B*) — A and B resampled independently, `resamples` times.
 * Example: `bootstrapRatioOfMedians([200, 200, 200], [100, 100, 100])` → { ratio: 2, ci95: [2, 2] }.
 * Throws: on an empty sample, a non-finite value, or a non-positive median of B.
 */
import { median } from 'simple-statistics';
import { requireSample } from './require-sample';
import { stratifiedBootstrap } from './stratified-bootstrap';

export interface RatioEstimate { ratio: number; ci95: [number, number]; resamples: number; seed: number }

export function bootstrapRatioOfMedians(
  a: readonly number[],
  b: readonly number[],
  options: { seed?: number; resamples?: number } = {},
): RatioEstimate {
  requireSample('bootstrapRatioOfMedians (first sample)', a);
  requireSample('bootstrapRatioOfMedians (second sample)', b);
  const mb = median([...b]);
  if (!(mb > 0)) throw new Error(`bootstrapRatioOfMedians requires a positive median of the second sample, got ${mb}.`);
  const interval = stratifiedBootstrap([a, b], ([ra, rb]) => median(ra) / Math.max(median(rb), Number.MIN_VALUE), options);
  return { ratio: median([...a]) / mb, ...interval };
}
