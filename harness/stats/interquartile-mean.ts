/**
 * The interquartile mean (IQM, rliable): the mean of the middle half of the runs. It is
 * as robust as the median to one lucky or unlucky seed but uses half the runs instead of
 * one or two, so its interval is tighter. Steps of censored runs count as the budget.
 *
 * Formula: with n values sorted, cut k = ⌊n/4⌋ from each end and average the rest —
 * scipy's `trim_mean(x, 0.25)`, which rliable's `aggregate_iqm` calls; below 4 values
 * nothing is cut and it is the plain mean.
 * Example: `interquartileMean([100, 200, 300, 1000])` → 250; of 8 values the middle 4.
 * Throws: on an empty sample or a non-finite value.
 */
import { mean, numericSort } from 'simple-statistics';
import { requireSample } from './require-sample';

export function interquartileMean(x: readonly number[]): number {
  requireSample('interquartileMean', x);
  const k = Math.floor(x.length / 4);
  return mean(numericSort([...x]).slice(k, x.length - k));
}
