/** The plain lines every view shows a comparison's benchmark figures in (expected text written out in full). */
import { describeStatistics } from './index';

describe('describeStatistics', () => {
  it('puts the stored figures into plain lines, ∞ where null was stored', () => {
    const lines = describeStatistics({
      budget: 1000,
      a: { runs: 4, successes: 2, successRate: 0.5, ert: 1150, median: null, iqm: 600, iqmCi95: [150, 1000] },
      b: { runs: 3, successes: 3, successRate: 1, ert: 500, median: 500, iqm: 500.4, iqmCi95: [300, 700] },
      probabilityOfImprovement: { p: 1 / 3, ci95: [0, 0.781] },
      seedsToResolve: { seeds: 17, power: 0.81, maxSeeds: 64 },
    }, 'alice');
    expect(lines).toEqual([
      'reached the target in 2 of 4 runs (50%); alice in 3 of 3 (100%)',
      'expected running time (ERT: all steps spent ÷ successes, a failed run counting its budget of 1000): 1150 vs 500 steps',
      'median steps, a run that missed the target counting as ∞: ∞ vs 500',
      'interquartile mean: 600 steps (95% CI 150–1000) vs 500 (95% CI 300–700)',
      "probability that a run needs fewer steps than one of alice's: 0.33 (95% CI 0.00–0.78; 0.5 = a coin toss)",
      'seeds to resolve the difference: about 17 each (80% power, estimated by resampling the runs)',
    ]);
  });
});
