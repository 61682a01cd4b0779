/**
 * Performance profiles against a published example — the AlgoPerf leaderboard v2 scores —
 * and the class view against a fixed reference by hand.
 */
import type { Comparison } from '../results/types';
import { classPerformanceProfile, compareRuns, performanceProfile } from './index';

/**
 * MLCommons AlgoPerf, leaderboard v2, scored by steps (github.com/mlcommons/submissions_algorithms):
 * artifacts/leaderboard_v2/time_to_targets_steps.csv (commit 0b40d9c85638177e4746061b9351ac25243a5324)
 * gives each submission's steps to the target on 9 workloads (inf = target missed), and
 * artifacts/leaderboard_v2/scores_steps.csv (commit 05f7967299fc6ee24e92a31f4502bf3d2dac47c8) the
 * score each got: the area under ρ(τ) from τ = 1 to 4, normalised, with every ratio taken to the
 * fastest submission on that workload (that leaderboard's choice; netgrade fixes the reference).
 */
const workloads = ['criteo1tb', 'fastmri', 'finewebedu_lm', 'imagenet_resnet', 'imagenet_vit', 'librispeech_conformer', 'librispeech_deepspeech', 'ogbg', 'wmt'];
const I = Infinity;
const algoperfV2: Array<[string, number[], number]> = [
  ['AdEMAMix', [8371, 10206, 44503, I, I, 67706, I, 27247, 112742], 0.5258136924803595],
  ['Cautious NAdamW', [I, 7518, 58199, I, I, I, I, 24948, 112372], 0.31986531986531946],
  ['Lion', [I, 10645, 59524, I, I, I, I, 33386, 109080], 0.2732884399551064],
  ['Muon (JAX)', [I, 8801, 40724, I, 151926, I, I, I, I], 0.31986531986531946],
  ['Muon (PyTorch)', [7716, I, 39220, I, I, I, I, 7711, 97224], 0.4326599326599318],
  ['NAdamW', [8286, 9924, 58784, I, 152461, I, I, I, I], 0.40404040404040326],
  ['NAdamW (Baseline v0.5)', [9145, 6648, 47039, I, I, I, I, 20879, 118600], 0.45454545454545503],
  ['NAdamW (ResNet)', [I, 9220, 53029, I, I, I, I, 32738, I], 0.19528619528619492],
  ['Schedule-Free AdamW', [10346, 10599, I, I, I, I, 90588, 15853, 133517], 0.4461279461279469],
  ['Schedule-Free AdamW (JAX)', [I, 7160, 57242, I, 175889, I, I, 27341, 122198], 0.4090909090909087],
  ['Schedule-Free AdamW (JAX v2)', [9005, 8750, 68640, I, 164206, I, I, 27457, I], 0.41245791245791213],
  ['Schedule-Free AdamW v2', [7951, 12431, I, I, I, 83184, 78669, 28449, 73222], 0.5252525252525259],
  ['DiLoCo (Single Worker)', [I, 9342, 61209, I, I, I, I, I, I], 0.18630751964085265],
  ['DiLoCo v2 (Single Worker)', [I, 10140, 59550, I, I, I, I, I, I], 0.1829405162738493],
];

describe('performanceProfile', () => {
  // the leaderboard's per-workload reference: the fewest steps any submission needed (∞ on imagenet_resnet, where none
  // reached the target: ∞ / ∞ is NaN, which counts as not solved for everyone)
  const fastest = workloads.map((_, w) => Math.min(...algoperfV2.map(([, steps]) => steps[w])));
  it.each(algoperfV2)('reproduces AlgoPerf leaderboard v2’s published score of %s', (_, steps, score) => {
    const ratios = steps.map((s, w) => s / fastest[w]);
    expect(performanceProfile(ratios).area).toBeCloseTo(score, 12);
  });
  it('is a step function of the problems solved within τ: [1, 2, ∞] → ρ = ⅓ below τ = 2, ⅔ from it on', () => {
    const p = performanceProfile([1, 2, Infinity], { points: 7 }); // τ = 1, 1.5, …, 4
    expect(p.taus).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(p.rho).toEqual([1 / 3, 1 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3]);
    // exact area (1 + 2/3 + 0) / 3 = 5/9; the trapezoid spreads the jump at τ = 2 over the step before it,
    // crediting half of it there: + (1/3)(0.5/2) / 3 = 1/36
    expect(p.area).toBeCloseTo(5 / 9 + 1 / 36, 12);
  });
  it('counts a ratio below 1 (faster than the reference) as solved from τ = 1 on, area 1', () => {
    expect(performanceProfile([0.5, 0, 1]).area).toBeCloseTo(1, 12);
  });
  it('rejects a negative ratio and r_max ≤ 1 in the fix-it format', () => {
    expect(() => performanceProfile([-1])).toThrow("performanceProfile requires ratios ≥ 0 (steps ÷ the reference's steps), got -1.");
    expect(() => performanceProfile([1], { rMax: 1 })).toThrow('performanceProfile requires r_max > 1, got 1.');
  });
});

describe('classPerformanceProfile (a fixed reference)', () => {
  const side = (median: number | null) => ({ runs: 3, successes: 3, successRate: 1, ert: median, median, iqm: 0, iqmCi95: [0, 0] as [number, number] });
  const cmp = (model: string, mine: number | null, reference: number | null): Comparison => ({
    model, dataset: 'palindrome', T: 10, ratio: 1, ci95: [1, 1], verdict: 'inconclusive', sentence: '',
    statistics: { budget: 1000, a: side(mine), b: side(reference), probabilityOfImprovement: { p: 0.5, ci95: [0, 1] } },
  });
  it('ranks by area over the union of configurations; a missing part is not solved', () => {
    const profile = classPerformanceProfile([
      { name: 'bob', comparisons: [cmp('lstm', 400, 400)] }, // gru not handed in
      { name: 'alice', comparisons: [cmp('lstm', 400, 400), cmp('gru', 600, 300)] },
    ], { points: 7 });
    expect(profile.configurations).toEqual(['gru/palindrome/T=10', 'lstm/palindrome/T=10']);
    expect(profile.taus).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(profile.submissions.map((s) => s.submission)).toEqual(['alice', 'bob']);
    const [alice, bob] = profile.submissions;
    expect(alice.ratios).toEqual({ 'gru/palindrome/T=10': 2, 'lstm/palindrome/T=10': 1 });
    expect(bob.ratios).toEqual({ 'gru/palindrome/T=10': Infinity, 'lstm/palindrome/T=10': 1 });
    // alice: ρ = ½ until τ = 2, then 1; trapezoid on the 0.5 grid: (½·0.75 + 1·2.25) / 3 = 0.875 (exact: (1 + ⅔)/2 = 0.833)
    expect(alice.area).toBeCloseTo(0.875, 12);
    expect(bob.area).toBeCloseTo(0.5, 12);
  });
  it('r = 0 where only the reference never converged (solved), ∞ where the submission never did', () => {
    const profile = classPerformanceProfile([{ name: 'carol', comparisons: [cmp('lstm', 900, null), cmp('gru', null, 300), cmp('gcn', null, null)] }]);
    expect(profile.submissions[0].ratios).toEqual({ 'gcn/palindrome/T=10': Infinity, 'gru/palindrome/T=10': Infinity, 'lstm/palindrome/T=10': 0 });
    expect(profile.submissions[0].area).toBeCloseTo(1 / 3, 12);
  });
  it('reads the censored medians compareRuns stores: 500 / 250 = 2 on one configuration, ∞ on the other', () => {
    const runs = (xs: number[]) => xs.map((steps) => ({ steps }));
    const stored = (model: string, a: Parameters<typeof compareRuns>[0], b: Parameters<typeof compareRuns>[1]): Comparison => ({
      model, dataset: 'palindrome', T: 10, ...compareRuns(a, b, { budget: 1000, maxSeeds: 8 }),
    });
    const erin = [
      stored('lstm', runs([400, 500, 600]), runs([200, 250, 300])),
      stored('gru', [{ censored: true }, { censored: true }, { steps: 300 }], runs([200, 250, 300])), // median of ∞, ∞, 300 = ∞
    ];
    expect(classPerformanceProfile([{ name: 'erin', comparisons: erin }]).submissions[0].ratios).toEqual({ 'gru/palindrome/T=10': Infinity, 'lstm/palindrome/T=10': 2 });
  });
  it('counts comparisons stored before issue 15 (no statistics) and has no rows for an empty class', () => {
    const old: Comparison = { model: 'lstm', dataset: 'd', T: 5, ratio: 1.2, ci95: [1, 1.4], verdict: 'inconclusive', sentence: '' };
    expect(classPerformanceProfile([{ name: 'dan', comparisons: [old] }]).submissions[0]).toMatchObject({ withoutStatistics: 1, area: 0 });
    expect(classPerformanceProfile([])).toEqual({ rMax: 4, taus: [], configurations: [], submissions: [] });
  });
});
