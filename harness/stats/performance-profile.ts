/**
 * A performance profile (Dolan & Moré 2002) and its area, as AlgoPerf scores training
 * algorithms: over a set of problems (here: configurations model × dataset × T), ρ(τ) is
 * the fraction an implementation solves within τ times the reference's steps, and the area
 * under ρ from τ = 1 to r_max is one number in [0, 1] (1: never slower than the reference).
 * The reference must be fixed — AlgoPerf's issue tracker learned that normalising by "the
 * fastest of the set" lets one new submission change everyone's score.
 *
 * Formula: r_p = steps_p / reference steps_p (∞ or NaN: not solved; 0: solved where the
 * reference was not); ρ(τ) = #{p : r_p ≤ τ} / #problems on τ = linspace(1, r_max, points);
 * area = trapezoid ∫ ρ dτ / (r_max − 1) — AlgoPerf's `compute_performance_profiles` and
 * `compute_leaderboard_score(normalize=True)`, with its defaults r_max = 4, 100 points.
 * Example: `performanceProfile([1, 2, Infinity]).area` → ≈ (1 + 2/3 + 0) / 3 = 0.556
 * (up to the grid's trapezoid error, below 1/(2·(points − 1))).
 * Throws: on no problems, a negative ratio, r_max ≤ 1 or fewer than 2 points.
 */
export interface PerformanceProfile { taus: number[]; rho: number[]; area: number; rMax: number }

export function performanceProfile(ratios: readonly number[], options: { rMax?: number; points?: number } = {}): PerformanceProfile {
  const { rMax = 4, points = 100 } = options;
  if (!ratios.length) throw new Error('performanceProfile requires at least one problem’s ratio, got none.');
  const negative = ratios.find((r) => r < 0);
  if (negative !== undefined) throw new Error(`performanceProfile requires ratios ≥ 0 (steps ÷ the reference's steps), got ${negative}.`);
  if (!(rMax > 1)) throw new Error(`performanceProfile requires r_max > 1, got ${rMax}.`);
  if (!(Number.isInteger(points) && points >= 2)) throw new Error(`performanceProfile requires at least 2 grid points, got ${points}.`);
  const taus = Array.from({ length: points }, (_, i) => 1 + ((rMax - 1) * i) / (points - 1));
  // NaN ≤ τ is false: an unsolvable problem counts against everyone, as in AlgoPerf
  const rho = taus.map((tau) => ratios.filter((r) => r <= tau).length / ratios.length);
  let integral = 0;
  for (let i = 1; i < points; i++) integral += ((rho[i] + rho[i - 1]) / 2) * (taus[i] - taus[i - 1]);
  return { taus, rho, area: integral / (rMax - 1), rMax };
}
