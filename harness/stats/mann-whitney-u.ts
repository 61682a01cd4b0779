/**
 * The Mann–Whitney U statistic of the first sample: how many of the n_x·n_y pairs (x, y)
 * have x > y, a tie counting ½ — scipy's `mannwhitneyu(x, y).statistic`. It is the rank
 * form of "which implementation needs more steps", free of any distribution assumption.
 *
 * Formula: U_x = R_x − n_x(n_x + 1)/2, with R_x the sum of x's ranks in the pooled sample
 * (ties share their mean rank; simple-statistics' `wilcoxonRankSum`).
 * Example: `mannWhitneyU([1, 4, 8], [9, 12, 15])` → 0 (no x exceeds any y; R_x = 6).
 * Throws: on an empty sample or NaN. +∞ is allowed and ranks last: a censored run.
 */
import { wilcoxonRankSum } from 'simple-statistics';
import { requireSample } from './require-sample';

export function mannWhitneyU(x: readonly number[], y: readonly number[]): number {
  requireSample('mannWhitneyU (first sample)', x, 1, { infinity: true });
  requireSample('mannWhitneyU (second sample)', y, 1, { infinity: true });
  return wilcoxonRankSum([...x], [...y]) - (x.length * (x.length + 1)) / 2;
}
