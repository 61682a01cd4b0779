/**
 * ERT and success rate (COCO/BBOB), the AlgoPerf median with censored runs = ∞, and the
 * per-side figures a Comparison stores — all checked against hand arithmetic shown inline.
 */
import { censoredMedian, convergenceStatistics, expectedRunningTime } from './index';

const runs = (xs: number[]) => xs.map((steps) => ({ steps }));
const censored = { censored: true } as const;

describe('expectedRunningTime', () => {
  it('charges each failed run its whole budget: (400 + 600 + 1000) / 2 successes = 1000', () => {
    expect(expectedRunningTime([{ steps: 400 }, { steps: 600 }, censored], 1000)).toEqual({ ert: 1000, successRate: 2 / 3, successes: 2, runs: 3 });
  });
  it('two failures out of four, budget 500: (250 + 150 + 500 + 500) / 2 = 700, success rate ½', () => {
    expect(expectedRunningTime([{ steps: 250 }, censored, censored, { steps: 150 }], 500)).toEqual({ ert: 700, successRate: 0.5, successes: 2, runs: 4 });
  });
  it('is the plain mean when every run succeeds ((300 + 500 + 700) / 3 = 500), ∞ when none does', () => {
    expect(expectedRunningTime(runs([300, 500, 700]), 1000).ert).toBe(500);
    expect(expectedRunningTime([censored, censored], 1000)).toEqual({ ert: Infinity, successRate: 0, successes: 0, runs: 2 });
  });
  it('ranks a fast but unreliable implementation behind a slower reliable one', () => {
    // A: 100 steps when it works, 1 of 4 runs, budget 2000 → (100 + 3 × 2000) / 1 = 6100; B: always 900
    expect(expectedRunningTime([{ steps: 100 }, censored, censored, censored], 2000).ert).toBe(6100);
    expect(expectedRunningTime(runs([900, 900, 900, 900]), 2000).ert).toBe(900);
  });
  it('rejects a success beyond the budget and a non-positive budget, in the fix-it format', () => {
    expect(() => expectedRunningTime(runs([1200]), 1000)).toThrow('expectedRunningTime requires every success within 0 … 1000 steps (the budget), got 1200.');
    expect(() => expectedRunningTime(runs([1]), 0)).toThrow('expectedRunningTime requires a positive step budget, got 0.');
    expect(() => expectedRunningTime([], 10)).toThrow('expectedRunningTime requires at least one run, got none.');
  });
});

describe('censoredMedian (AlgoPerf: a run that misses the target is ∞)', () => {
  it('400, 600, ∞ → 600; 400, ∞, ∞ → ∞; an even count averages the middle two (600, ∞ → ∞)', () => {
    expect(censoredMedian([{ steps: 400 }, { steps: 600 }, censored])).toBe(600);
    expect(censoredMedian([{ steps: 400 }, censored, censored])).toBe(Infinity);
    expect(censoredMedian([{ steps: 400 }, { steps: 600 }, censored, censored])).toBe(Infinity);
    expect(censoredMedian(runs([400, 600, 800, 1000]))).toBe(700);
  });
});

describe('convergenceStatistics', () => {
  it('stores ∞ as null and counts censored runs as the budget in the IQM', () => {
    // runs 100, 200, ∞, ∞ with budget 1000: ERT = (100 + 200 + 2000) / 2 = 1150; median ∞;
    // IQM of 100, 200, 1000, 1000 cuts one from each end → (200 + 1000) / 2 = 600
    const s = convergenceStatistics([{ steps: 100 }, { steps: 200 }, censored, censored], 1000, { resamples: 500 });
    expect(s).toMatchObject({ runs: 4, successes: 2, successRate: 0.5, ert: 1150, median: null, iqm: 600 });
    expect(s.iqmCi95[0]).toBeGreaterThanOrEqual(100);
    expect(s.iqmCi95[1]).toBeLessThanOrEqual(1000);
  });
});
