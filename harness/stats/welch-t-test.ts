/**
 * Welch's two-sample t-test (unequal variances), two-sided. simple-statistics'
 * `tTestTwoSample` pools the variances, which is wrong when one implementation's
 * seeds spread much more than the other's — the common case here.
 *
 * Formula: t = (x̄ − ȳ) / √(s²ₓ/nₓ + s²ᵧ/nᵧ); ν by Welch–Satterthwaite
 * (s²ₓ/nₓ + s²ᵧ/nᵧ)² / ((s²ₓ/nₓ)²/(nₓ−1) + (s²ᵧ/nᵧ)²/(nᵧ−1)); p = 2·P(T_ν ≥ |t|).
 * When both samples are constant: p = 1 if the means are equal, else 0 (no noise at all).
 * Example: `welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10])` → { t: −2.2514, dof: 5.5208, p: 0.0691 }.
 * Throws: when a sample has fewer than 2 values.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { requireSample } from './require-sample';
import { studentsTCdf } from './students-t-cdf';

export interface TTestResult { t: number; dof: number; p: number }

export function welchTTest(x: readonly number[], y: readonly number[]): TTestResult {
  requireSample('welchTTest (first sample)', x, 2);
  requireSample('welchTTest (second sample)', y, 2);
  const vx = sampleVariance([...x]) / x.length;
  const vy = sampleVariance([...y]) / y.length;
  const diff = mean([...x]) - mean([...y]);
  if (vx + vy === 0) return { t: diff === 0 ? 0 : Math.sign(diff) * Infinity, dof: x.length + y.length - 2, p: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(vx + vy);
  const dof = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
  const p = Math.min(1, 2 * (1 - studentsTCdf(Math.abs(t), dof)));
  return { t, dof, p };
}
