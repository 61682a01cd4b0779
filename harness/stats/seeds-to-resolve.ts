/**
 * How many seeds per implementation would resolve the measured difference at 80% power:
 * the answer to "not a clear difference with 3 vs 3 seeds — so how many do we need?",
 * estimated by resampling the measured runs (no normality assumed, the spread and shape
 * are the runs' own).
 *
 * Formula: the measured direction is the side of ½ that P(X < Y) falls on; for n = from,
 * from + 1, … ≤ maxSeeds, draw `simulations` experiments of n runs from each sample with
 * replacement (seeded); an experiment resolves the difference when the Mann–Whitney test
 * gives p < α in the measured direction; power(n) is the fraction that do (each n with its
 * own seeded draws), and the answer is the smallest n with power(n) ≥ `power`, found by
 * bisection (power grows with n; 7 evaluations instead of 60). The test is the verdict's own
 * rule: the Hodges–Lehmann 95% interval excludes 1 exactly when the Mann–Whitney p < α
 * (`hodgesLehmannRatio`; here always its normal approximation, which is cheap enough to
 * repeat thousands of times, where the verdict uses the exact distribution without ties);
 * censored runs tie at the end.
 * Resampling a few measured runs underestimates their spread (the empirical distribution
 * has variance (m−1)/m·s²), so with 3 runs the answer is a rough, optimistic guide.
 * Example: A = [560, 610, 700, 800], B = [400, 420, 450, 700] → about 10 seeds each (seed 0).
 * Throws: on a sample with fewer than 2 values or NaN, or a target power outside (0, 1).
 */
import { sampleWithReplacement } from 'simple-statistics';
import { mannWhitneyTest } from './mann-whitney-test';
import { mannWhitneyU } from './mann-whitney-u';
import { requireSample } from './require-sample';
import { seededRandom } from './seeded-random';

export interface SeedsToResolve {
  /** seeds per implementation; null when even `maxSeeds` does not reach the power */
  seeds: number | null;
  /** the estimated power at `seeds` (or at `maxSeeds` when seeds is null) */
  power: number;
  maxSeeds: number;
  simulations: number;
  seed: number;
}

export function seedsToResolve(
  x: readonly number[],
  y: readonly number[],
  options: { alpha?: number; power?: number; from?: number; maxSeeds?: number; simulations?: number; seed?: number } = {},
): SeedsToResolve {
  requireSample('seedsToResolve (first sample)', x, 2, { infinity: true });
  requireSample('seedsToResolve (second sample)', y, 2, { infinity: true });
  const { alpha = 0.05, power: target = 0.8, from = 2, maxSeeds = 64, simulations = 400, seed = 0 } = options;
  if (!(target > 0 && target < 1)) throw new Error(`seedsToResolve requires a target power between 0 and 1, got ${target}.`);
  // +1: X tends to need more steps than Y (U_x above its mean n_x n_y / 2)
  const direction = Math.sign(mannWhitneyU(x, y) - (x.length * y.length) / 2);
  const none = { maxSeeds, simulations, seed };
  if (direction === 0) return { seeds: null, power: 0, ...none };
  const powerAt = (n: number): number => {
    const random = seededRandom(seed * 4096 + n);
    let resolved = 0;
    for (let s = 0; s < simulations; s++) {
      const xs = sampleWithReplacement([...x], n, random);
      const ys = sampleWithReplacement([...y], n, random);
      const { ux, p } = mannWhitneyTest(xs, ys);
      if (p < alpha && Math.sign(ux - (n * n) / 2) === direction) resolved++;
    }
    return resolved / simulations;
  };
  let lo = Math.max(2, from);
  if (lo > maxSeeds) return { seeds: null, power: 0, ...none };
  let hi = maxSeeds;
  let powerHi = powerAt(hi);
  if (powerHi < target) return { seeds: null, power: powerHi, ...none };
  // invariant: power(hi) ≥ target; every n below lo that was tried fell short
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const p = powerAt(mid);
    if (p >= target) { hi = mid; powerHi = p; } else lo = mid + 1;
  }
  return { seeds: hi, power: powerHi, ...none };
}
