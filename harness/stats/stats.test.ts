/**
 * Expected values come from scipy 1.17 / numpy 2.4 (harness/stats/scipy-reference.py prints
 * every number used here) or from hand arithmetic shown next to the assertion.
 */
import {
  bootstrapRatioOfMedians, compareRuns, olympicMean, permutationTest, studentsTCdf, summarize, welchTTest,
} from './index';

describe('studentsTCdf', () => {
  it.each([
    [2.0, 10, 0.9633059826146299],
    [-1.3, 3.7, 0.13433336208631375],
    [0.5, 1, 0.6475836176504333],
    [4.2, 57.3, 0.9999528612347395],
  ])('P(T ≤ %p | ν = %p) matches scipy.stats.t.cdf', (t, dof, expected) => {
    expect(studentsTCdf(t, dof)).toBeCloseTo(expected, 10);
  });
  it('rejects non-positive degrees of freedom with the fix-it format', () => {
    expect(() => studentsTCdf(1, 0)).toThrow('studentsTCdf requires positive degrees of freedom, got 0.');
  });
});

describe('welchTTest', () => {
  it.each([
    [[1, 2, 3, 4], [2, 4, 6, 8, 10], -2.2514363231593695, 5.520787746170677, 0.06913359319239237],
    [[560, 610, 700], [400, 420, 450], 4.601789933084224, 2.495466712719108, 0.028508231607320668],
    [[812, 1040, 655, 930], [400, 2900, 450], -0.47121577627320616, 2.040028020512341, 0.6830819942109952],
  ])('%p vs %p matches scipy ttest_ind(equal_var=False)', (x, y, t, dof, p) => {
    const r = welchTTest(x, y);
    expect(r.t).toBeCloseTo(t, 9);
    expect(r.dof).toBeCloseTo(dof, 9);
    expect(r.p).toBeCloseTo(p, 9);
  });
  it('needs two values per sample', () => {
    expect(() => welchTTest([1], [2, 3])).toThrow('welchTTest (first sample) requires at least 2 finite numbers, got [1] (1 values).');
  });
});

describe('permutationTest (exact)', () => {
  it.each([
    [[1, 2, 3], [4, 5, 6], 0.1, 20],
    [[812, 1040, 655, 930], [400, 2900, 450], 0.8857142857142857, 35],
    [[5, 1, 9, 3, 7], [2, 8, 4, 6], 1.0, 126],
    [[10, 11, 12, 13, 14, 15], [1, 2, 3, 4, 5, 6], 0.0021645021645021645, 924],
  ])('%p vs %p matches enumeration in python', (x, y, p, splits) => {
    const r = permutationTest(x, y);
    expect(r.exact).toBe(true);
    expect(r.splits).toBe(splits);
    expect(r.p).toBeCloseTo(p, 12);
  });
  it('3 vs 3 seeds cannot reach p < 0.05: its smallest p is 2/20', () => {
    expect(permutationTest([1, 2, 3], [4, 5, 6]).minimumP).toBeCloseTo(0.1, 12);
  });
  it('falls back to a seeded Monte-Carlo test on large samples, reproducibly', () => {
    const x = Array.from({ length: 30 }, (_, i) => i);
    const y = Array.from({ length: 30 }, (_, i) => i + 3);
    const r1 = permutationTest(x, y, { seed: 7, draws: 2000 });
    const r2 = permutationTest(x, y, { seed: 7, draws: 2000 });
    expect(r1.exact).toBe(false);
    expect(r1.p).toBe(r2.p);
    // scipy.stats.ttest_ind gives p = 0.192 for this shift; a permutation p lands near it
    expect(r1.p).toBeGreaterThan(0.15);
    expect(r1.p).toBeLessThan(0.3);
  });
});

describe('olympicMean and summarize', () => {
  it('drops exactly one best and one worst (100+200+300+1000 → (200+300)/2 = 250)', () => {
    expect(olympicMean([1000, 100, 300, 200])).toBe(250);
    expect(olympicMean([4, 8])).toBe(6); // nothing to drop below 3 values
  });
  it('counts a censored run as the budget and flags the figures as lower bounds', () => {
    // values 400, 600, 1000: mean 2000/3, median 600, sample std √((266.7²+66.7²+333.3²)/2) = 305.5
    const s = summarize([{ steps: 400 }, { steps: 600 }, { censored: true }], 1000);
    expect(s).toMatchObject({ n: 3, converged: 2, censored: 1, median: 600, olympicMean: 600, lowerBound: true });
    expect(s.mean).toBeCloseTo(2000 / 3, 10);
    expect(s.std).toBeCloseTo(305.505046330389, 9);
  });
  it('rejects an empty configuration', () => {
    expect(() => summarize([], 100)).toThrow('summarize requires at least one run, got none.');
  });
});

describe('bootstrapRatioOfMedians', () => {
  const a = [623, 577, 727, 619, 511, 669, 887, 797, 486, 410, 498, 607, 299, 562, 413, 482, 510, 546, 679, 820, 577, 904, 491, 667, 787, 617, 480, 455, 523, 641, 443, 564, 572, 706, 640, 668, 493, 577, 759, 939];
  const b = [274, 630, 599, 506, 433, 364, 619, 720, 687, 593, 445, 278, 399, 487, 272, 450, 455, 493, 280, 328, 351, 282, 674, 345, 441, 370, 643, 594, 484, 207, 406, 491, 541, 332, 691, 269, 328, 530, 406, 729];
  it('gives the ratio of medians exactly and an interval near numpy’s (other RNG: ±0.05)', () => {
    const r = bootstrapRatioOfMedians(a, b, { seed: 1 });
    expect(r.ratio).toBeCloseTo(1.2893854748603353, 12);
    expect(Math.abs(r.ci95[0] - 1.12928177)).toBeLessThan(0.05);
    expect(Math.abs(r.ci95[1] - 1.55541872)).toBeLessThan(0.05);
  });
  it('is reproducible for a seed and degenerate for constant samples (200/100 → [2, 2])', () => {
    expect(bootstrapRatioOfMedians(a, b, { seed: 3 })).toEqual(bootstrapRatioOfMedians(a, b, { seed: 3 }));
    expect(bootstrapRatioOfMedians([200, 200, 200], [100, 100, 100]).ci95).toEqual([2, 2]);
  });
});

describe('compareRuns', () => {
  const runs = (xs: number[]) => xs.map((steps) => ({ steps }));
  it('says "converges 1.5× slower" with Welch’s p when 3 vs 3 permutations cannot reach 0.05', () => {
    // medians 610 / 420 = 1.452…; Welch p = 0.0285 (scipy)
    const c = compareRuns(runs([560, 610, 700]), runs([400, 420, 450]), { budget: 2000 });
    expect(c.ratio).toBeCloseTo(610 / 420, 12);
    expect(c.test).toBe('welch');
    expect(c.pWelch).toBeCloseTo(0.028508231607320668, 9);
    expect(c.pPermutation).toBeCloseTo(0.1, 12);
    expect(c.verdict).toBe('slower');
    expect(c.sentence).toMatch(/^converges 1\.5× slower than the reference, 95% CI \d\.\d–\d\.\d×, p = 0\.029 \(welch\)$/);
  });
  it('turns a faster submission around: "converges 2.0× faster"', () => {
    const c = compareRuns(runs([10, 11, 12, 13, 14, 15]), runs([21, 22, 24, 26, 28, 30]), { budget: 100, against: 'alice' });
    expect(c.test).toBe('permutation');
    expect(c.verdict).toBe('faster');
    expect(c.sentence).toMatch(/^converges 2\.0× faster than alice, 95% CI .*p = 0\.002 \(permutation\)$/);
  });
  it('all censored → "did not converge within N steps" and a slower verdict when the reference converged', () => {
    const c = compareRuns([{ censored: true }, { censored: true }, { censored: true }], runs([400, 500, 600]), { budget: 3000 });
    expect(c.verdict).toBe('slower');
    expect(c.sentence).toBe('did not converge within 3000 steps; the reference converged in a median of 500 steps (≥ 6.0× slower)');
  });
  it('the other way round, with a censored run among A’s: the median is a lower bound', () => {
    // A = 400, ≥1000 → median ≥ 700 (counted as 1000); B never converged
    const c = compareRuns([{ steps: 400 }, { censored: true }], [{ censored: true }, { censored: true }], { budget: 1000, against: 'lstm' });
    expect(c.verdict).toBe('faster');
    expect(c.sentence).toBe('converged in a median of ≥ 700 steps (1 of 2 runs) where lstm did not converge within 1000 steps (≥ 1.4× faster)');
  });
  it('neither converged → inconclusive, never a crash or a division by zero', () => {
    const c = compareRuns([{ censored: true }], [{ censored: true }, { censored: true }], { budget: 300 });
    expect(c.verdict).toBe('inconclusive');
    expect(c.sentence).toBe('neither this submission nor the reference converged within 300 steps');
  });
  it('overlapping seeds are "inconclusive", not a difference', () => {
    const c = compareRuns(runs([812, 1040, 655, 930]), runs([400, 2900, 450]), { budget: 3000 });
    expect(c.verdict).toBe('inconclusive');
    expect(c.sentence).toContain('not a clear difference with 4 vs 3 seeds');
  });
});
