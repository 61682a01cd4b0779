/**
 * The compare command's pure parts: operands, pairing runs into comparisons, when a
 * configuration counts as decided, how many seeds the next round trains, and the report.
 * (Training itself is the experiment runner's, tested there.)
 */
import type { Comparison, TrainingRun } from '../results/types';
import { BAD_OPERAND, compareOperands, comparisonMarkdown, decided, nextSeedCount, parseOperand, seedList, type PairedComparison } from './compare';

function run(submission: string, model: string, seed: number, steps: number | null, T = 10): TrainingRun {
  return {
    key: `${submission}-${model}-${T}-${seed}`, submission, submissionHash: 'h', profile: 'p', model, dataset: 'binary-palindrome', T, seed,
    backend: 'cpu', status: steps === null ? 'censored' : 'converged', target: 0.99, budgetSteps: 1000, curve: [], msPerStep: 1,
    ...(steps === null ? {} : { stepsToTarget: steps }),
  } as TrainingRun;
}

describe('parseOperand', () => {
  it('reads a folder or "reference", with an optional :model', () => {
    expect(parseOperand('reference:lstm')).toEqual({ target: 'reference', model: 'lstm', label: 'reference:lstm' });
    expect(parseOperand('submissions/alice')).toEqual({ target: 'submissions/alice', model: undefined, label: 'alice' });
    expect(parseOperand('submissions/alice:peepLSTM')).toMatchObject({ target: 'submissions/alice', model: 'peepLSTM', label: 'alice:peepLSTM' });
  });
  it('rejects an empty operand with the fix-it message', () => {
    expect(() => parseOperand(':lstm')).toThrow(BAD_OPERAND(':lstm'));
  });
});

describe('compareOperands', () => {
  const runs = [
    run('reference', 'lstm', 0, 600), run('reference', 'lstm', 1, 650), run('reference', 'lstm', 2, 700),
    run('reference', 'peepLSTM', 0, 300), run('reference', 'peepLSTM', 1, 320), run('reference', 'peepLSTM', 2, 350),
    run('reference', 'lstm', 0, null, 20), run('reference', 'peepLSTM', 0, 500, 20),
  ];
  it('pairs two models of one submission by dataset and T: 650 / 320 steps → ratio 2.03', () => {
    const [t10, t20] = compareOperands(runs, { name: 'reference', model: 'lstm' }, { name: 'reference', model: 'peepLSTM' }, 'reference:peepLSTM');
    expect(t10).toMatchObject({ model: 'lstm', modelB: 'peepLSTM', T: 10, seeds: { a: [0, 1, 2], b: [0, 1, 2] } });
    expect(t10.ratio).toBeCloseTo(650 / 320, 12);
    // Hodges–Lehmann: the 9 ratios 600/350 … 700/300 sorted, the 5th is 600/300 = 700/350 = 2
    expect(t10.hodgesLehmann?.ratio).toBeCloseTo(2, 12);
    expect(t10.sentence).toMatch(/^converges 2\.0× slower than reference:peepLSTM/);
    // a censored lstm run (budget 1000) against 500 steps
    expect(t20).toMatchObject({ T: 20, verdict: 'slower' });
    expect(t20.sentence).toBe('did not converge within 1000 steps; reference:peepLSTM converged in a median of 500 steps (≥ 2.0× slower)');
  });
  it('pairs by model too when neither operand names one, and skips what only one side ran', () => {
    const both = [...runs, run('alice', 'lstm', 0, 600), run('alice', 'gru', 0, 100)];
    const out = compareOperands(both, { name: 'alice' }, { name: 'reference' }, 'the reference');
    expect(out.map((c) => [c.model, c.modelB, c.T])).toEqual([['lstm', 'lstm', 10]]);
  });
});

describe('decided and nextSeedCount', () => {
  const cmp = (ci95: [number, number], verdict: Comparison['verdict'], seeds?: number | null, runs = 3): PairedComparison => ({
    model: 'lstm', modelB: 'lstm', dataset: 'd', T: 10, ratio: 1, ci95, verdict, sentence: '', seeds: { a: [...Array(runs).keys()], b: [...Array(runs).keys()] },
    ...(seeds === undefined ? {} : { statistics: { budget: 1, a: {} as never, b: {} as never, probabilityOfImprovement: { p: 0.5, ci95: [0, 1] }, seedsToResolve: { seeds, power: 0.8, maxSeeds: 64 } } }),
  });
  it('is decided when the interval excludes 1 and the test agrees, or there is no practical difference', () => {
    expect(decided(cmp([1.1, 1.9], 'slower'))).toBe(true);
    expect(decided(cmp([1.1, 1.9], 'inconclusive'))).toBe(false); // the interval alone, p ≥ 0.05
    expect(decided(cmp([0.5, 0.9], 'faster'))).toBe(true);
    expect(decided(cmp([0.9, 1.1], 'no-difference'))).toBe(true);
    expect(decided(cmp([0.7, 1.6], 'inconclusive'))).toBe(false);
    expect(decided(cmp([1.4, 1.6], 'slower', undefined, 2))).toBe(false); // 2 runs a side: too few to end the rounds
  });
  it('adds at least a round, more when the estimate says so (at most doubling), never past the maximum', () => {
    const open = (seeds?: number | null) => cmp([0.7, 1.6], 'inconclusive', seeds);
    expect(nextSeedCount(3, [open(4)], { round: 3, maxSeeds: 20 })).toBe(6); // a round: 3 + 3
    expect(nextSeedCount(8, [open(11), open(9)], { round: 2, maxSeeds: 20 })).toBe(11); // the largest estimate
    expect(nextSeedCount(8, [open(null)], { round: 2, maxSeeds: 20 })).toBe(16); // "more than 64": double
    expect(nextSeedCount(18, [open(40)], { round: 3, maxSeeds: 20 })).toBe(20);
  });
  it('keeps the profile’s seeds first and continues after the largest', () => {
    expect(seedList([0, 1, 2], 2)).toEqual([0, 1]);
    expect(seedList([0, 1, 2], 5)).toEqual([0, 1, 2, 3, 4]);
    expect(seedList([7, 3], 4)).toEqual([7, 3, 8, 9]);
  });
});

describe('comparisonMarkdown', () => {
  it('leads with the decision, then one section per configuration with its sentence and figures', () => {
    const [c] = compareOperands([run('r', 'lstm', 0, 600), run('r', 'lstm', 1, 700), run('r', 'gru', 0, 300), run('r', 'gru', 1, 350)],
      { name: 'r', model: 'lstm' }, { name: 'r', model: 'gru' }, 'r:gru');
    const md = comparisonMarkdown({ a: 'r:lstm', b: 'r:gru', profile: '2020-DE', seeds: [0, 1], decision: 'decided after 2 seeds', rounds: [{ seeds: 2, undecided: 0 }], comparisons: [c] });
    expect(md.split('\n').slice(0, 6)).toEqual([
      '# r:lstm against r:gru', '', 'Profile `2020-DE`, seeds 0, 1. **Decided after 2 seeds.**', '', '## lstm vs gru, binary-palindrome, T = 10', '',
    ]);
    expect(md).toContain(`r:lstm ${c.sentence}.`);
    expect(md).toContain('- reached the target in 2 of 2 runs (100%); r:gru in 2 of 2 (100%)');
    // the record's ratio of medians stays in the report: (600 + 700) / 2 ÷ (300 + 350) / 2 = 2.0
    expect(md).toMatch(/\n- ratio of medians \(censored runs at the budget\): 2\.0× \(bootstrap 95% CI [\d.]+–[\d.]+×\); Welch p = [\d.]+, permutation p = [\d.]+\n/);
  });
});
