/**
 * Expected values come from scipy / numpy (harness/stats/scipy-reference.py writes every
 * number used here to scipy-reference.json) or from hand arithmetic shown next to the assertion.
 */
import {
  bootstrapRatioOfMedians, compareRuns, olympicMean, permutationTest, studentsTCdf, summarize, welchTTest,
} from './index';
import scipy from './scipy-reference.json';

describe('studentsTCdf', () => {
  it.each(scipy.tCdf.map((c) => [c.t, c.dof, c.p]))('P(T ≤ %p | ν = %p) matches scipy.stats.t.cdf', (t, dof, expected) => {
    expect(studentsTCdf(t, dof)).toBeCloseTo(expected, 10);
  });
  it('rejects non-positive degrees of freedom with the fix-it format', () => {
    expect(() => studentsTCdf(1, 0)).toThrow('studentsTCdf requires positive degrees of freedom, got 0.');
  });
});

describe('welchTTest', () => {
  it.each(scipy.welch.map((c) => [c.x, c.y, c.t, c.dof, c.p] as const))('%p vs %p matches scipy ttest_ind(equal_var=False)', (x, y, t, dof, p) => {
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
  it.each(scipy.permutation.map((c) => [c.x, c.y, c.p, c.splits] as const))('%p vs %p matches enumeration in python', (x, y, p, splits) => {
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
  const { a, b, ratio, ci95 } = scipy.ratioOfMedians;
  it('gives the ratio of medians exactly and an interval near numpy’s (other RNG: ±0.05)', () => {
    const r = bootstrapRatioOfMedians(a, b, { seed: 1 });
    expect(r.ratio).toBeCloseTo(ratio, 12);
    expect(Math.abs(r.ci95[0] - ci95[0])).toBeLessThan(0.05);
    expect(Math.abs(r.ci95[1] - ci95[1])).toBeLessThan(0.05);
  });
  it('is reproducible for a seed and degenerate for constant samples (200/100 → [2, 2])', () => {
    expect(bootstrapRatioOfMedians(a, b, { seed: 3 })).toEqual(bootstrapRatioOfMedians(a, b, { seed: 3 }));
    expect(bootstrapRatioOfMedians([200, 200, 200], [100, 100, 100]).ci95).toEqual([2, 2]);
  });
});

describe('compareRuns', () => {
  const runs = (xs: number[]) => xs.map((steps) => ({ steps }));
  // the Hodges–Lehmann figures come from scipy-reference.py's hodgesLehmann cases (numpy's pairwise
  // ratios, enumerated or normal-approximated ranks C, scipy's Mann–Whitney p)
  const hl = (a: number[], b: number[]) => scipy.hodgesLehmann.find((c) => c.a.join() === a.join() && c.b.join() === b.join())!;
  it('at 3 vs 3 leads with the Hodges–Lehmann ratio and its 90% interval, the most 3 vs 3 allow, and stays inconclusive', () => {
    // scipy: ratio 610/420 = 1.45, interval [560/450, 700/400] = [1.24, 1.75] covering 90% (P(U = 0) = 1/20), p = 0.1
    const expected = hl([560, 610, 700], [400, 420, 450]);
    const c = compareRuns(runs([560, 610, 700]), runs([400, 420, 450]), { budget: 2000 });
    expect(c.hodgesLehmann).toMatchObject({ method: 'exact' });
    expect(c.hodgesLehmann!.ratio).toBeCloseTo(expected.ratio, 12);
    expect(c.hodgesLehmann!.confidence).toBeCloseTo(0.9, 12);
    expect(c.hodgesLehmann!.p).toBeCloseTo(expected.p, 12);
    // the record keeps the ratio of medians, Welch and the permutation test
    expect(c.ratio).toBeCloseTo(610 / 420, 12);
    expect(c.pWelch).toBeCloseTo(scipy.welch[1].p, 9); // scipy: [560, 610, 700] vs [400, 420, 450]
    expect(c.pPermutation).toBeCloseTo(0.1, 12);
    expect(c.verdict).toBe('inconclusive');
    expect(c.sentence).toMatch(/^converges 1\.5× slower than the reference \(90% CI 1\.2–1\.8×, the highest level 3 vs 3 seeds allow; Mann–Whitney p = 0\.10\) — not a clear difference with 3 vs 3 seeds; /);
  });
  it('turns a faster submission around, interval too: "2.0× faster (95% CI 1.6–2.5×)"', () => {
    // scipy: ratio 0.5, interval [0.4, 0.619] → faster 1 / 0.619 = 1.6 to 1 / 0.4 = 2.5; exact p = 0.0022
    expect(hl([10, 11, 12, 13, 14, 15], [21, 22, 24, 26, 28, 30])).toMatchObject({ ratio: expect.closeTo(0.5, 12), ci: [expect.closeTo(0.4, 12), expect.closeTo(0.619, 3)] });
    const c = compareRuns(runs([10, 11, 12, 13, 14, 15]), runs([21, 22, 24, 26, 28, 30]), { budget: 100, against: 'alice' });
    expect(c.verdict).toBe('faster');
    expect(c.sentence).toBe('converges 2.0× faster than alice (95% CI 1.6–2.5×; Mann–Whitney p = 0.002)');
  });
  it('decides the LSTM against the peepLSTM on 12 seeds, where the ratio of medians could not (a tied endpoint at 1)', () => {
    // scaled 2020-DE runs (scipy-reference.py): the LSTM's seeds split into early (75–175 steps) and late
    // (300–600) convergers; medians 175 / 75 = 2.33. Hodges–Lehmann: 2.0, interval [1, 4] whose lower end is
    // a pair of runs with equal steps, p = 0.026 < 0.05 → 1 is outside; one LSTM run censored at 600
    const expected = scipy.hodgesLehmann.find((x) => x.a.length === 12 && x.b.length === 12)!;
    expect(expected).toMatchObject({ ratio: expect.closeTo(2, 12), ci: [1, expect.closeTo(4, 12)], method: 'normal' });
    const outcomes = (v: number[]) => v.map((steps) => (steps === 600 ? { censored: true as const } : { steps }));
    const c = compareRuns(outcomes(expected.a), outcomes(expected.b), { budget: 600, against: 'reference:peepLSTM' });
    expect(c.ratio).toBeCloseTo(175 / 75, 12);
    expect(c.hodgesLehmann!.p).toBeCloseTo(expected.p, 6);
    expect(c.verdict).toBe('slower');
    expect(c.sentence).toBe('converges at least 2.0× slower than reference:peepLSTM (95% CI from just over 1× to 4.0×; Mann–Whitney p = 0.026; 1 censored run(s) counted as 600)');
  });
  it('calls interleaved runs "no practical difference": every pairwise ratio lies in [0.98, 1.02]', () => {
    // A = 1000, 1002, …, 1038 and B = 1001, 1003, …, 1039: all 400 ratios within [1000/1039, 1038/1001] ⊂ [0.8, 1.25],
    // so any interval of them is too; U_a = 0 + 1 + … + 19 = 190 of 400 (N/2 = 200): far from significant
    const a = Array.from({ length: 20 }, (_, i) => 1000 + 2 * i);
    const c = compareRuns(runs(a), runs(a.map((v) => v + 1)), { budget: 3000 });
    expect(c.verdict).toBe('no-difference');
    expect(c.sentence).toMatch(/^converges about as fast as the reference \(95% CI from 1\.0\d× faster to 1\.0\d× slower; Mann–Whitney p = 0\.\d+\) — no practical difference$/);
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
  it('overlapping seeds are "inconclusive", and an interval across 1 reads from faster to slower, never as a contradiction', () => {
    // scipy: ratio 1.72, interval [0.226, 2.6] → from 1 / 0.226 = 4.4× faster to 2.6× slower; exact p = 0.63;
    // 4 vs 3 runs cannot reach 95%: P(U = 0) = 1/35 > 0.025, so the widest interval covers 1 − 2/35 = 94%
    expect(hl([812, 1040, 655, 930], [400, 2900, 450])).toMatchObject({
      ratio: expect.closeTo(1.719, 3), ci: [expect.closeTo(0.2259, 4), expect.closeTo(2.6, 12)], confidence: expect.closeTo(1 - 2 / 35, 12),
    });
    const c = compareRuns(runs([812, 1040, 655, 930]), runs([400, 2900, 450]), { budget: 3000 });
    expect(c.verdict).toBe('inconclusive');
    expect(c.sentence).toMatch(/^converges 1\.7× slower than the reference \(94% CI from 4\.4× faster to 2\.6× slower, the highest level 4 vs 3 seeds allow; Mann–Whitney p = 0\.63\) — not a clear difference with 4 vs 3 seeds; /);
  });
  it('where seeds are too few, says how many would resolve the difference (more than now, at most the maximum)', () => {
    const c = compareRuns(runs([560, 610, 700]), runs([400, 520, 650]), { budget: 3000 });
    expect(c.verdict).toBe('inconclusive');
    const needed = c.statistics?.seedsToResolve;
    expect(needed?.seeds).toBeGreaterThan(3);
    expect(needed?.seeds).toBeLessThanOrEqual(64);
    expect(needed?.power).toBeGreaterThanOrEqual(0.8);
    expect(c.sentence).toMatch(new RegExp(`with 3 vs 3 seeds; about ${needed?.seeds} seeds each would resolve it \\(80% power, estimated by resampling these runs\\)$`));
  });
  it('says when even the maximum number of seeds would not resolve it', () => {
    // the same runs give P(X < Y) = ½ in any order: there is no direction to resolve
    const c = compareRuns(runs([500, 600, 700]), runs([700, 600, 500]), { budget: 3000, maxSeeds: 12 });
    expect(c.statistics?.seedsToResolve).toEqual({ seeds: null, power: 0, maxSeeds: 12 });
    expect(c.sentence).toMatch(/; more than 12 seeds each would be needed to resolve a difference this small$/);
  });
  it('carries ERT, success rate, the censored median, IQM and P(X < Y) beside the ratio', () => {
    // A: 400, 600, censored (budget 1000): ERT = (400 + 600 + 1000) / 2 = 1000, median of 400, 600, ∞ = 600,
    //    IQM of 3 values = mean(400, 600, 1000) = 666.7; B: 300, 500, 700: ERT = mean = 500.
    // P(A < B): 400 beats 500 and 700, 600 beats 700, the censored run beats none → 3 of 9 pairs
    const c = compareRuns([{ steps: 400 }, { steps: 600 }, { censored: true }], runs([300, 500, 700]), { budget: 1000 });
    const s = c.statistics!;
    expect(s.budget).toBe(1000);
    expect(s.a).toMatchObject({ runs: 3, successes: 2, ert: 1000, median: 600 });
    expect(s.a.successRate).toBeCloseTo(2 / 3, 12);
    expect(s.a.iqm).toBeCloseTo(2000 / 3, 9);
    expect(s.b).toMatchObject({ runs: 3, successes: 3, successRate: 1, ert: 500, median: 500, iqm: 500 });
    expect(s.probabilityOfImprovement.p).toBeCloseTo(3 / 9, 12);
    const [lo, hi] = s.probabilityOfImprovement.ci95;
    expect(lo).toBeLessThanOrEqual(3 / 9);
    expect(hi).toBeGreaterThanOrEqual(3 / 9);
  });
  it('stores ∞ as null: a median and ERT of "never" survive JSON', () => {
    const c = compareRuns([{ censored: true }, { censored: true }, { steps: 900 }], runs([400, 500, 600]), { budget: 1000 });
    // median of ∞, ∞, 900 = ∞; ERT = (900 + 2 × 1000) / 1 = 2900
    expect(c.statistics?.a).toMatchObject({ median: null, ert: 2900, successes: 1 });
    expect(JSON.parse(JSON.stringify(c.statistics))).toEqual(c.statistics);
    const none = compareRuns([{ censored: true }], runs([400]), { budget: 1000 });
    expect(none.statistics?.a).toMatchObject({ median: null, ert: null, successRate: 0 });
  });
});
