/**
 * The Mann–Whitney U statistic, its two-sided asymptotic test and the probability of
 * improvement, against scipy.stats.mannwhitneyu (values in scipy-reference.json, written by
 * scipy-reference.py; null there is a censored run, +∞ here).
 */
import { mannWhitneyTest, mannWhitneyU, probabilityOfImprovement } from './index';
import scipy from './scipy-reference.json';

const censored = (v: readonly (number | null)[]) => v.map((x) => (x === null ? Infinity : x));
const cases = scipy.mannWhitney.map((c) => ({ ...c, x: censored(c.x), y: censored(c.y) }));

describe('mannWhitneyU', () => {
  it.each(cases)('U of $x against $y is scipy’s statistic $u', ({ x, y, u }) => {
    expect(mannWhitneyU(x, y)).toBe(u);
  });
  it('counts ties ½ by hand: [1, 2, 2] vs [2, 3] → pairs x > y: none; ties: two 2s × one 2 → U = 1', () => {
    expect(mannWhitneyU([1, 2, 2], [2, 3])).toBe(1);
  });
  it('rejects NaN with the fix-it format', () => {
    expect(() => mannWhitneyU([1, NaN], [2])).toThrow('mannWhitneyU (first sample) requires at least 1 finite number (or +Infinity for a censored run), got [1, NaN] (2 values).');
  });
});

describe('mannWhitneyTest (normal approximation with tie and continuity corrections)', () => {
  it.each(cases)('$x vs $y: p matches scipy mannwhitneyu(method="asymptotic") = $p', ({ x, y, p }) => {
    // simple-statistics' errorFunction is accurate to 1.2e-7
    expect(mannWhitneyTest(x, y).p).toBeCloseTo(p, 6);
  });
  it('gives p = 1 when every value ties (no ranks to compare)', () => {
    expect(mannWhitneyTest([5, 5], [5, 5, 5])).toMatchObject({ p: 1, ux: 3 });
  });
});

describe('probabilityOfImprovement', () => {
  it.each(cases)('P($x < $y) = scipy’s U(y, x) / (n_x n_y) = $probabilityOfImprovement', ({ x, y, probabilityOfImprovement: expected }) => {
    expect(probabilityOfImprovement(x, y, { resamples: 200 }).p).toBeCloseTo(expected, 12);
  });
  it('two censored runs tie: P([∞], [∞]) = ½, and every finite run beats a censored one', () => {
    expect(probabilityOfImprovement([Infinity], [Infinity], { resamples: 10 }).p).toBe(0.5);
    expect(probabilityOfImprovement([900], [Infinity], { resamples: 10 }).p).toBe(1);
  });
  it('has an interval near numpy + scipy’s stratified percentile bootstrap (20,000 resamples; other RNG: ±0.015)', () => {
    const { x, y, probabilityOfImprovement: p, probabilityOfImprovementCi95: ci95 } = scipy.bootstrapIntervals;
    const r = probabilityOfImprovement(x, y, { seed: 0 });
    expect(r.p).toBeCloseTo(p, 12);
    expect(Math.abs(r.ci95[0] - ci95[0])).toBeLessThan(0.015);
    expect(Math.abs(r.ci95[1] - ci95[1])).toBeLessThan(0.015);
  });
  it('has a reproducible bootstrap interval that contains the estimate and stays in [0, 1]', () => {
    const x = [400, 450, 520, 610, 480];
    const y = [430, 500, 700, 650, 560];
    const r = probabilityOfImprovement(x, y, { seed: 4 });
    expect(r).toEqual(probabilityOfImprovement(x, y, { seed: 4 }));
    expect(r.ci95[0]).toBeGreaterThanOrEqual(0);
    expect(r.ci95[0]).toBeLessThanOrEqual(r.p);
    expect(r.ci95[1]).toBeGreaterThanOrEqual(r.p);
    expect(r.ci95[1]).toBeLessThanOrEqual(1);
  });
});
