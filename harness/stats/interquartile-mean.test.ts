/**
 * The interquartile mean against scipy.stats.trim_mean(x, 0.25) — what rliable's
 * aggregate_iqm calls (scipy-reference.json) — and hand arithmetic; and the stratified
 * bootstrap that gives its interval.
 */
import { mean } from 'simple-statistics';
import { interquartileMean, stratifiedBootstrap } from './index';
import scipy from './scipy-reference.json';

describe('interquartileMean', () => {
  it.each(scipy.iqm)('IQM of $x is scipy trim_mean(x, 0.25) = $iqm', ({ x, iqm }) => {
    expect(interquartileMean(x)).toBeCloseTo(iqm, 12);
  });
  it('by hand: 8 values keep the middle 4 (3, 4, 5, 6 → 4.5); one wild seed out of 10 is cut (→ 55, not 145)', () => {
    expect(interquartileMean([8, 1, 7, 2, 6, 3, 5, 4])).toBe(4.5);
    expect(interquartileMean([10, 20, 30, 40, 50, 60, 70, 80, 90, 1000])).toBe(55); // (30 + … + 80) / 6
  });
  it('rejects an empty sample in the fix-it format', () => {
    expect(() => interquartileMean([])).toThrow('interquartileMean requires at least 1 finite number, got [] (0 values).');
  });
});

describe('stratifiedBootstrap', () => {
  it('gives the IQM an interval near numpy’s percentile bootstrap of trim_mean (20,000 resamples; other RNG: ±5 steps)', () => {
    const { x, iqm, iqmCi95 } = scipy.bootstrapIntervals;
    expect(interquartileMean(x)).toBeCloseTo(iqm, 9);
    const { ci95 } = stratifiedBootstrap([x], ([v]) => interquartileMean(v), { seed: 0 });
    expect(Math.abs(ci95[0] - iqmCi95[0])).toBeLessThan(5);
    expect(Math.abs(ci95[1] - iqmCi95[1])).toBeLessThan(5);
  });
  it('resamples each stratum on its own: a constant stratum stays constant (200 / 100 → [2, 2])', () => {
    expect(stratifiedBootstrap([[200, 200], [100, 100, 100]], ([a, b]) => mean(a) / mean(b)).ci95).toEqual([2, 2]);
  });
  it('keeps every stratum’s size, so a statistic of the sizes is exact', () => {
    expect(stratifiedBootstrap([[1, 2, 3], [4, 5]], ([a, b]) => a.length * 10 + b.length, { resamples: 50 }).ci95).toEqual([32, 32]);
  });
  it('is reproducible for a seed, and a different seed draws differently', () => {
    const iqm = ([x]: number[][]) => interquartileMean(x);
    const x = [[310, 420, 505, 380, 620, 455, 700, 390]];
    expect(stratifiedBootstrap(x, iqm, { seed: 2 })).toEqual(stratifiedBootstrap(x, iqm, { seed: 2 }));
    // a statistic that records the draw order, so two seeds' intervals can only agree by a fluke
    const draw = ([v]: number[][]) => v[0] + v[1] / 1e3 + v[2] / 1e6;
    expect(stratifiedBootstrap(x, draw, { seed: 2, resamples: 20 }).ci95).not.toEqual(stratifiedBootstrap(x, draw, { seed: 3, resamples: 20 }).ci95);
  });
  it('rejects no strata and an empty stratum in the fix-it format', () => {
    expect(() => stratifiedBootstrap([], () => 0)).toThrow('stratifiedBootstrap requires at least one stratum, got none.');
    expect(() => stratifiedBootstrap([[1], []], () => 0)).toThrow('stratifiedBootstrap (stratum 2) requires at least 1 finite number (or +Infinity for a censored run), got [] (0 values).');
  });
});
