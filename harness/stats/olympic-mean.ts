/**
 * The MLPerf-style olympic mean: drop the single best and the single worst value, average
 * the rest. MLPerf scores a training benchmark this way so one lucky or unlucky seed does
 * not decide the result.
 *
 * Formula: mean(sorted(x)[1 … n−2]); with fewer than 3 values there is nothing to drop
 * and it is the plain mean.
 * Example: `olympicMean([100, 200, 300, 1000])` → 250.
 * Throws: on an empty sample or a non-finite value.
 */
import { mean, numericSort } from 'simple-statistics';
import { requireSample } from './require-sample';

export function olympicMean(x: readonly number[]): number {
  requireSample('olympicMean', x);
  if (x.length < 3) return mean([...x]);
  const sorted = numericSort([...x]);
  return mean(sorted.slice(1, -1));
}
