/**
 * "How many seeds would resolve it": the resampling estimate against the same estimate made
 * independently with numpy's generator and scipy's Mann–Whitney test (scipy-reference.json),
 * and the cases whose answer follows by hand.
 */
import { seedsToResolve } from './index';
import scipy from './scipy-reference.json';

describe('seedsToResolve', () => {
  it('agrees with numpy + scipy’s estimate on two samples one standard deviation apart (both Monte Carlo)', () => {
    // scipy's power curve (20,000 simulations per n) crosses 0.8 at `seeds`; ours (1,000) may land one either side
    const { x, y, seeds, powerBySeeds } = scipy.seedsToResolve;
    const r = seedsToResolve(x, y, { simulations: 1000, maxSeeds: 30, seed: 1 });
    expect(r.seeds).not.toBeNull();
    expect(Math.abs(r.seeds! - seeds)).toBeLessThanOrEqual(1);
    expect(r.power).toBeGreaterThanOrEqual(0.8);
    // its power at that n is scipy's within 3 standard errors of a 1,000-draw estimate (√(0.8·0.2/1000) ≈ 0.013)
    expect(Math.abs(r.power - powerBySeeds[String(r.seeds) as keyof typeof powerBySeeds])).toBeLessThan(0.04);
  });
  it('needs 4 seeds each for samples that never overlap: 3 vs 3 cannot reach p < 0.05 (scipy: 0.081), 4 vs 4 can (0.030)', () => {
    // every resample of disjoint samples is perfectly separated: power is 1 from 4 seeds on, and at 3 only the rare
    // resamples where both sides repeat one value (ties shrink the variance) reach p < 0.05
    expect(seedsToResolve([1, 2, 3], [10, 11, 12], { simulations: 50 })).toMatchObject({ seeds: 4, power: 1 });
  });
  it('finds nothing to resolve when the runs are the same (P(X < Y) = ½): null, never a division by zero', () => {
    expect(seedsToResolve([500, 600, 700], [700, 500, 600], { maxSeeds: 10, simulations: 50 })).toMatchObject({ seeds: null, power: 0, maxSeeds: 10 });
  });
  it('is reproducible for a seed and answers null when the maximum is below where the search starts', () => {
    const a = [560, 610, 700, 800];
    const b = [400, 420, 450, 700];
    expect(seedsToResolve(a, b, { seed: 3 })).toEqual(seedsToResolve(a, b, { seed: 3 }));
    expect(seedsToResolve(a, b, { from: 20, maxSeeds: 10 }).seeds).toBeNull();
  });
  it('needs two runs a side and a power between 0 and 1, in the fix-it format', () => {
    expect(() => seedsToResolve([1], [2, 3])).toThrow('seedsToResolve (first sample) requires at least 2 finite numbers (or +Infinity for a censored run), got [1] (1 values).');
    expect(() => seedsToResolve([1, 2], [2, 3], { power: 1 })).toThrow('seedsToResolve requires a target power between 0 and 1, got 1.');
  });
});
