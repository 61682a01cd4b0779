/**
 * A seeded percentile-bootstrap 95% interval of any statistic of one or more samples,
 * each resampled on its own — rliable's stratified bootstrap: runs are redrawn within
 * their stratum (an implementation, a task), never across, so every resample keeps the
 * design's sizes.
 *
 * Formula: for b = 1 … B, redraw every stratum Sᵢ* from Sᵢ with replacement, |Sᵢ*| = |Sᵢ|
 * (simple-statistics' `sampleWithReplacement`, strata in order), θ*_b = statistic(S₁*, …, S_k*);
 * the interval is the 2.5% and 97.5% quantiles of θ* (simple-statistics' `quantile`), the
 * percentile interval rliable reports.
 * Example: `stratifiedBootstrap([[200, 200], [100, 100]], ([a, b]) => a[0] / b[0])` → { ci95: [2, 2], … }.
 * Throws: on no strata, an empty stratum, or fewer than one resample. Values may be +∞
 * (censored runs); the statistic decides what they mean.
 */
import { quantile, sampleWithReplacement } from 'simple-statistics';
import { requireSample } from './require-sample';
import { seededRandom } from './seeded-random';

export interface BootstrapInterval { ci95: [number, number]; resamples: number; seed: number }

export function stratifiedBootstrap(
  strata: ReadonlyArray<readonly number[]>,
  statistic: (resampled: number[][]) => number,
  options: { seed?: number; resamples?: number } = {},
): BootstrapInterval {
  if (!strata.length) throw new Error('stratifiedBootstrap requires at least one stratum, got none.');
  strata.forEach((s, i) => requireSample(`stratifiedBootstrap (stratum ${i + 1})`, s, 1, { infinity: true }));
  const { seed = 0, resamples = 4000 } = options;
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new Error(`stratifiedBootstrap requires a positive whole number of resamples, got ${resamples}.`);
  const random = seededRandom(seed);
  const thetas: number[] = [];
  for (let b = 0; b < resamples; b++) {
    thetas.push(statistic(strata.map((s) => sampleWithReplacement([...s], s.length, random))));
  }
  const [lo, hi] = quantile(thetas, [0.025, 0.975]);
  return { ci95: [lo, hi], resamples, seed };
}
