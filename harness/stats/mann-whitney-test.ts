/**
 * The two-sided Mann–Whitney U test in its normal approximation, with the tie and
 * continuity corrections — scipy's `mannwhitneyu(x, y, method='asymptotic')`. A rank test:
 * censored runs (+∞, or all at the budget) simply tie for the last ranks, and one
 * very slow seed cannot drag a mean around. Cheap enough to repeat thousands of times,
 * which is what `seedsToResolve` does with it.
 *
 * Formula: U = max(U_x, n_x n_y − U_x) with U_x from `mannWhitneyU`; μ = n_x n_y / 2;
 * σ² tie-corrected (`mannWhitneyVariance`); z = (U − μ − ½) / σ; p = min(1, 2·(1 − Φ(z))), Φ from simple-statistics'
 * `errorFunction` (absolute error below 1.2·10⁻⁷). With every value tied, σ = 0 and p = 1.
 * Below 4 runs a side the approximation is rough (scipy's exact method differs there).
 * Example: `mannWhitneyTest([1, 2, 3, 4], [5, 6, 7, 8])` → { ux: 0, u: 16, z: 2.165, p: 0.0304 }.
 * Throws: on an empty sample or NaN.
 */
import { errorFunction } from 'simple-statistics';
import { mannWhitneyU } from './mann-whitney-u';
import { mannWhitneyVariance } from './mann-whitney-variance';

export interface MannWhitneyResult {
  /** U of the first sample (scipy's `statistic`): above n_x n_y / 2 when x tends to be larger */
  ux: number;
  /** the larger of U_x and U_y, which the two-sided test refers to the normal */
  u: number;
  z: number;
  p: number;
}

export function mannWhitneyTest(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const ux = mannWhitneyU(x, y);
  const nx = x.length;
  const ny = y.length;
  const u = Math.max(ux, nx * ny - ux);
  const variance = mannWhitneyVariance(x, y);
  if (!(variance > 0)) return { ux, u, z: 0, p: 1 };
  const z = (u - (nx * ny) / 2 - 0.5) / Math.sqrt(variance);
  const upper = 1 - 0.5 * (1 + errorFunction(z / Math.SQRT2));
  return { ux, u, z, p: Math.min(1, Math.max(0, 2 * upper)) };
}
