/**
 * Submission A against B (the reference, or another submission) on one configuration:
 * ratio of median steps-to-target with a bootstrap 95% interval, Welch's t-test and a
 * permutation test, a verdict, and one plain sentence for the report; beside them the
 * benchmarks' figures (`statistics`): success rate and ERT (COCO/BBOB), the median with
 * censored = ∞ (AlgoPerf), IQM with its interval and the probability of improvement
 * (rliable), and — when the verdict is inconclusive — how many seeds would resolve it.
 *
 * Censored runs (no target within the budget) count as "≥ budget" — they are kept, never
 * dropped: all of A censored → "did not converge within N steps"; a verdict of
 * faster/slower needs p < α (the permutation p while its sizes can reach α, otherwise
 * Welch's) and an interval that excludes 1; an interval inside [0.8, 1.25] with p ≥ α is
 * "no-difference"; anything else is "inconclusive", and its sentence says how many seeds
 * per implementation would resolve the measured difference at 80% power (`seedsToResolve`).
 * Example: A = [560, 610, 700], B = [400, 420, 450] →
 *   "converges 1.5× slower than the reference, 95% CI 1.2–1.8×, p = 0.029 (welch)";
 *   A = [812, 1040, 655, 930], B = [400, 2900, 450] → "converges 1.9× slower …, p = 0.89
 *   (permutation) — not a clear difference with 4 vs 3 seeds; about 52 seeds each would resolve
 *   it (80% power, estimated by resampling these runs)".
 * Throws: on empty run lists or a non-positive budget.
 */
import type { Comparison, ComparisonStatistics } from '../results/types';
import { bootstrapRatioOfMedians } from './bootstrap-ratio-of-medians';
import { stepsOrInfinity } from './censored-median';
import { convergenceStatistics } from './convergence-statistics';
import { permutationTest } from './permutation-test';
import { probabilityOfImprovement } from './probability-of-improvement';
import { seedsToResolve } from './seeds-to-resolve';
import { stepsOrBudget, summarize, type RunOutcome, type Summary } from './summarize';
import { welchTTest } from './welch-t-test';

export interface CompareOptions {
  /** the step budget: what a censored run counts as */
  budget: number;
  /** how B is named in the sentence */
  against?: string;
  /** seeds the bootstrap and any Monte-Carlo permutations */
  seed?: number;
  alpha?: number;
  /** the most seeds per implementation the "how many would resolve it" estimate tries */
  maxSeeds?: number;
}

export type RunComparison = Omit<Comparison, 'model' | 'dataset' | 'T'> & { a: Summary; b: Summary; test: 'permutation' | 'welch' | 'none' };

/** 1.4, 12, 0.83 — two significant figures, never exponent notation. */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  return r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toPrecision(2);
}

export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toPrecision(2)}`;
}

export function compareRuns(a: readonly RunOutcome[], b: readonly RunOutcome[], options: CompareOptions): RunComparison {
  const { budget, against = 'the reference', seed = 0, alpha = 0.05, maxSeeds = 64 } = options;
  const sa = summarize(a, budget);
  const sb = summarize(b, budget);
  const xa = stepsOrBudget(a, budget);
  const xb = stepsOrBudget(b, budget);
  const permutation = permutationTest(xa, xb, { seed });
  const welch = xa.length >= 2 && xb.length >= 2 ? welchTTest(xa, xb) : undefined;
  const usePermutation = permutation.minimumP <= alpha || !welch;
  const p = usePermutation ? permutation.p : welch!.p;
  const test: RunComparison['test'] = usePermutation ? 'permutation' : 'welch';
  const poi = probabilityOfImprovement(stepsOrInfinity(a), stepsOrInfinity(b), { seed });
  const statistics: ComparisonStatistics = {
    budget,
    a: convergenceStatistics(a, budget, { seed }),
    b: convergenceStatistics(b, budget, { seed }),
    probabilityOfImprovement: { p: poi.p, ci95: poi.ci95 },
  };
  const base = { a: sa, b: sb, pWelch: welch?.p, pPermutation: permutation.p, test, statistics };
  const steps = `${budget} steps`;

  if (sa.converged === 0 && sb.converged === 0) {
    return { ...base, ratio: 1, ci95: [1, 1], verdict: 'inconclusive', sentence: `neither this submission nor ${against} converged within ${steps}` };
  }
  const { ratio, ci95 } = bootstrapRatioOfMedians(xa, xb, { seed });
  if (sa.converged === 0) {
    const verdict = sb.median < budget ? 'slower' : 'inconclusive';
    return { ...base, ratio, ci95, verdict, sentence: `did not converge within ${steps}; ${against} converged in a median of ${sb.censored ? '≥ ' : ''}${Math.round(sb.median)} steps (≥ ${formatRatio(ratio)}× slower)` };
  }
  if (sb.converged === 0) {
    const verdict = sa.median < budget ? 'faster' : 'inconclusive';
    return { ...base, ratio, ci95, verdict, sentence: `converged in a median of ${sa.censored ? '≥ ' : ''}${Math.round(sa.median)} steps (${sa.converged} of ${sa.n} runs) where ${against} did not converge within ${steps} (≥ ${formatRatio(1 / ratio)}× faster)` };
  }

  const excludesOne = ci95[0] > 1 || ci95[1] < 1;
  const verdict: Comparison['verdict'] =
    p < alpha && excludesOne ? (ratio > 1 ? 'slower' : 'faster')
      : p >= alpha && ci95[0] >= 0.8 && ci95[1] <= 1.25 ? 'no-difference'
        : 'inconclusive';
  const slower = ratio >= 1;
  const atLeast = sa.censored > 0 && sb.censored === 0 ? (slower ? 'at least ' : 'at most ') : '';
  const shown = slower ? ratio : 1 / ratio;
  const [lo, hi] = slower ? ci95 : [1 / ci95[1], 1 / ci95[0]];
  const censoredNote = sa.censored + sb.censored > 0 ? `; ${sa.censored + sb.censored} censored run(s) counted as ${budget}` : '';
  let tail = verdict === 'no-difference' ? ' — no practical difference' : '';
  if (verdict === 'inconclusive') {
    tail = ` — not a clear difference with ${sa.n} vs ${sb.n} seeds`;
    if (xa.length >= 2 && xb.length >= 2) {
      const needed = seedsToResolve(xa, xb, { alpha, from: Math.max(xa.length, xb.length) + 1, maxSeeds, seed });
      statistics.seedsToResolve = { seeds: needed.seeds, power: needed.power, maxSeeds };
      tail += needed.seeds === null
        ? `; more than ${maxSeeds} seeds each would be needed to resolve a difference this small`
        : `; about ${needed.seeds} seeds each would resolve it (80% power, estimated by resampling these runs)`;
    }
  }
  const sentence = `converges ${atLeast}${formatRatio(shown)}× ${slower ? 'slower' : 'faster'} than ${against}, 95% CI ${formatRatio(lo)}–${formatRatio(hi)}×, ${formatP(p)} (${test})${censoredNote}${tail}`;
  return { ...base, ratio, ci95, verdict, sentence };
}
