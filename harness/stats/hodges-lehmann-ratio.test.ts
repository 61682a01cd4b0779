/**
 * The Hodges–Lehmann ratio and its distribution-free interval against scipy-reference.py,
 * which computes them independently: numpy's median of every pairwise ratio, the exact null
 * distribution of U by enumerating rank choices (itertools), the tie-corrected normal
 * approximation with scipy's norm.ppf, and scipy's mannwhitneyu for p.
 *
 * By hand, A = [3, 6], B = [1, 2] (no ties, 2 vs 2 → exact):
 *   pairwise ratios 3/1 = 3, 3/2 = 1.5, 6/1 = 6, 6/2 = 3 → sorted 1.5, 3, 3, 6 → ratio 3;
 *   the 6 orderings of 2 + 2 values give U = 0, 1, 2, 2, 3, 4, so P(U = 0) = 1/6 > 0.025: no
 *   95% interval exists; C = 1 gives [1.5, 6] covering 1 − 2/6 = 2/3; U_a = 4 (every a
 *   exceeds every b) → p = 2·P(U ≤ 0) = 1/3.
 */
import { hodgesLehmannRatio, mannWhitneyNullDistribution } from './index';
import scipy from './scipy-reference.json';

describe('hodgesLehmannRatio', () => {
  it('gives the hand-computed case: [3, 6] vs [1, 2] → 3× (67% interval 1.5–6, the most 2 vs 2 allow), p = 1/3', () => {
    const r = hodgesLehmannRatio([3, 6], [1, 2]);
    expect(r.method).toBe('exact');
    expect(r.ratio).toBeCloseTo(3, 12);
    expect(r.ci[0]).toBeCloseTo(1.5, 12);
    expect(r.ci[1]).toBeCloseTo(6, 12);
    expect(r.confidence).toBeCloseTo(2 / 3, 12);
    expect(r.p).toBeCloseTo(1 / 3, 12);
    expect(r.excludesOne).toBe(false); // the 95% interval is unbounded
  });

  it.each(scipy.hodgesLehmann.map((c) => ({ ...c, sizes: `${c.a.length} vs ${c.b.length}` })))(
    '$sizes ($method): ratio $ratio, interval $ci covering $confidence, p = $p as scipy-reference.py',
    ({ a, b, method, ratio, ci, confidence, p }) => {
      const r = hodgesLehmannRatio(a, b);
      expect(r.method).toBe(method);
      expect(r.ratio).toBeCloseTo(ratio, 12);
      expect(r.ci[0]).toBeCloseTo(ci[0], 12);
      expect(r.ci[1]).toBeCloseTo(ci[1], 12);
      // the normal case's Φ comes from simple-statistics' errorFunction (absolute error 1.2e-7)
      expect(r.confidence).toBeCloseTo(confidence, method === 'exact' ? 12 : 6);
      expect(r.p).toBeCloseTo(p, method === 'exact' ? 12 : 6);
      // test–interval duality: the 95% interval excludes 1 exactly when scipy's p < 0.05
      expect(r.excludesOne).toBe(p < 0.05);
    },
  );

  it('treats a tied endpoint at exactly 1 as outside when the test rejects ratio 1 (12 vs 12 LSTM vs peepLSTM runs)', () => {
    const tied = scipy.hodgesLehmann.find((c) => c.a.length === 12 && c.b.length === 12)!;
    expect(tied.ci[0]).toBe(1); // scipy-reference.py: the lower endpoint is a pair of runs with equal steps (log-difference 0)
    expect(tied.p).toBeLessThan(0.05);
    expect(hodgesLehmannRatio(tied.a, tied.b)).toMatchObject({ ci: [1, expect.any(Number)], excludesOne: true });
  });

  it('counts censored runs (all at the budget) as ties, so the normal approximation is used', () => {
    expect(hodgesLehmannRatio([400, 1000, 1000], [300, 1000]).method).toBe('normal');
  });

  it('rejects empty, zero, negative and infinite steps with the fix-it format', () => {
    expect(() => hodgesLehmannRatio([], [1])).toThrow(
      'hodgesLehmannRatio (first sample) requires at least 1 positive finite number of steps (a censored run counted as the budget), got [] (0 values).');
    expect(() => hodgesLehmannRatio([5], [0, 3])).toThrow(
      'hodgesLehmannRatio (second sample) requires at least 1 positive finite number of steps (a censored run counted as the budget), got [0, 3] (2 values).');
    expect(() => hodgesLehmannRatio([-5], [3])).toThrow('got [-5] (1 values).');
    expect(() => hodgesLehmannRatio([Infinity], [3])).toThrow('got [Infinity] (1 values).');
    expect(() => hodgesLehmannRatio([5], [3], { alpha: 1 })).toThrow('hodgesLehmannRatio requires alpha in (0, 1), got 1.');
  });
});

describe('mannWhitneyNullDistribution', () => {
  it('counts the orderings by hand: 2 vs 2 → U = 0, 1, 2, 2, 3, 4 of 6', () => {
    const q = mannWhitneyNullDistribution(2, 2);
    [1, 1, 2, 1, 1].forEach((count, u) => expect(q[u]).toBeCloseTo(count / 6, 15));
  });
  it('is a symmetric distribution: 3 vs 3 has P(U = 0) = 1/C(6, 3) = 1/20; 49 vs 49 sums to 1', () => {
    const q = mannWhitneyNullDistribution(3, 3);
    expect(q[0]).toBeCloseTo(1 / 20, 15);
    q.forEach((v, u) => expect(v).toBeCloseTo(q[9 - u], 15));
    expect(mannWhitneyNullDistribution(49, 49).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
  it('rejects a size that is not a whole number ≥ 1', () => {
    expect(() => mannWhitneyNullDistribution(0, 3)).toThrow('mannWhitneyNullDistribution requires n to be a whole number ≥ 1 (a sample size), got 0.');
  });
});
