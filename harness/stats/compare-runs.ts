/**
 * Submission A against B (the reference, or another submission) on one configuration: the
 * Hodges–Lehmann ratio of steps-to-target (the median of all pairwise ratios) with its
 * distribution-free 95% interval and the Mann–Whitney p, which make the verdict and lead
 * the sentence; the ratio of medians with its bootstrap interval, Welch's t-test and a
 * permutation test are kept in the record; beside them the benchmarks' figures
 * (`statistics`): success rate and ERT (COCO/BBOB), the median with censored = ∞ (AlgoPerf),
 * IQM with its interval and the probability of improvement (rliable), and — when the
 * verdict is inconclusive — how many seeds would resolve it.
 *
 * Censored runs (no target within the budget) count as "≥ budget" — they are kept, never
 * dropped, and tie with each other: all of A censored → "did not converge within N steps";
 * faster/slower when the Hodges–Lehmann 95% interval excludes 1 (equivalently the
 * Mann–Whitney p < α; 3 vs 3 runs cannot reach 95% — their widest rank interval covers
 * 90%, 4 vs 3 94% — so the fewest runs that can decide are 4 a side); "no-difference" when the
 * interval lies inside [0.8, 1.25]; anything else is "inconclusive", and its sentence says
 * how many seeds per implementation would resolve the measured difference at 80% power
 * (`seedsToResolve`). Why not the ratio of medians: when one implementation's seeds split
 * into early and late convergers, its bootstrap interval spans both groups and reaches 1
 * however many seeds are added, while the rank statistics see the difference.
 * The interval is always worded in the lead's direction, so it never reads as a contradiction.
 * Example: A = [10, 11, 12, 13, 14, 15], B = [21, 22, 24, 26, 28, 30] →
 *   "converges 2.0× faster than the reference (95% CI 1.6–2.5×; Mann–Whitney p = 0.002)";
 *   A = [812, 1040, 655, 930], B = [400, 2900, 450] → "converges 1.7× slower than the
 *   reference (94% CI from 4.4× faster to 2.6× slower, the highest level 4 vs 3 seeds allow;
 *   Mann–Whitney p = 0.63) — not a clear difference with 4 vs 3 seeds; about 52 seeds each
 *   would resolve it (80% power, estimated by resampling these runs)".
 * Throws: on empty run lists or a non-positive budget.
 */
import type { Comparison, ComparisonStatistics, HodgesLehmann } from '../results/types';
import { bootstrapRatioOfMedians } from './bootstrap-ratio-of-medians';
import { stepsOrInfinity } from './censored-median';
import { convergenceStatistics } from './convergence-statistics';
import { hodgesLehmannRatio, type HodgesLehmannRatio } from './hodges-lehmann-ratio';
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

/** A bound of an interval, with a digit more when two would print a factor that is not 1 as "1.0". */
function formatBound(r: number): string {
  let text = formatRatio(r);
  for (let digits = 3; r !== 1 && /^1\.0*$/.test(text) && digits <= 5; digits++) text = r.toPrecision(digits);
  return text;
}

/**
 * The Hodges–Lehmann interval in words, always in the lead's direction: "95% CI 1.5–3.4×"
 * when it lies on one side of 1 (`named`: "1.5–3.4× slower", after a lead without a
 * direction), "95% CI from 1.9× faster to 1.7× slower" when it straddles 1, "from just over
 * 1×" for a tied endpoint at exactly 1 that the test rejects.
 */
function describeInterval(hl: HodgesLehmannRatio, level: string, named: boolean): string {
  const [lo, hi] = hl.ci;
  const side = (near: number, far: number, direction: string) =>
    `${level} CI ${near === 1 && hl.excludesOne ? `from just over 1× to ${formatBound(far)}×` : `${formatBound(near)}–${formatBound(far)}×`}${named ? ` ${direction}` : ''}`;
  if (lo >= 1) return side(lo, hi, 'slower');
  if (hi <= 1) return side(1 / hi, 1 / lo, 'faster');
  return `${level} CI from ${formatBound(1 / lo)}× faster to ${formatBound(hi)}× slower`;
}

export function compareRuns(a: readonly RunOutcome[], b: readonly RunOutcome[], options: CompareOptions): RunComparison {
  const { budget, against = 'the reference', seed = 0, alpha = 0.05, maxSeeds = 64 } = options;
  const sa = summarize(a, budget);
  const sb = summarize(b, budget);
  const xa = stepsOrBudget(a, budget);
  const xb = stepsOrBudget(b, budget);
  const permutation = permutationTest(xa, xb, { seed });
  const welch = xa.length >= 2 && xb.length >= 2 ? welchTTest(xa, xb) : undefined;
  const test: RunComparison['test'] = permutation.minimumP <= alpha || !welch ? 'permutation' : 'welch';
  // a ratio needs positive steps: a run that met the target at its first evaluation (step 0) counts as 1
  const hl = hodgesLehmannRatio(xa.map((v) => Math.max(1, v)), xb.map((v) => Math.max(1, v)), { alpha });
  const hodgesLehmann: HodgesLehmann = { ratio: hl.ratio, ci: hl.ci, confidence: hl.confidence, p: hl.p, method: hl.method };
  const poi = probabilityOfImprovement(stepsOrInfinity(a), stepsOrInfinity(b), { seed });
  const statistics: ComparisonStatistics = {
    budget,
    a: convergenceStatistics(a, budget, { seed }),
    b: convergenceStatistics(b, budget, { seed }),
    probabilityOfImprovement: { p: poi.p, ci95: poi.ci95 },
  };
  const base = { a: sa, b: sb, pWelch: welch?.p, pPermutation: permutation.p, test, hodgesLehmann, statistics };
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

  const verdict: Comparison['verdict'] =
    hl.excludesOne ? (hl.ci[0] >= 1 ? 'slower' : 'faster')
      : hl.atLevel && hl.ci[0] >= 0.8 && hl.ci[1] <= 1.25 ? 'no-difference'
        : 'inconclusive';
  const slower = hl.ratio >= 1;
  const shown = slower ? hl.ratio : 1 / hl.ratio;
  const atLeast = sa.censored > 0 && sb.censored === 0 ? (slower ? 'at least ' : 'at most ') : '';
  const aboutAsFast = formatRatio(shown) === '1.0' && !hl.excludesOne;
  const lead = aboutAsFast ? `about as fast as ${against}` : `${atLeast}${formatBound(shown)}× ${slower ? 'slower' : 'faster'} than ${against}`;
  const seeds = `${sa.n} vs ${sb.n} seeds`;
  const interval = hl.atLevel ? describeInterval(hl, `${Math.round(100 * (1 - alpha))}%`, aboutAsFast)
    : hl.confidence >= 0.5 ? `${describeInterval(hl, `${Math.floor(100 * hl.confidence + 1e-9)}%`, aboutAsFast)}, the highest level ${seeds} allow`
      : `no interval with ${seeds}`;
  const censoredNote = sa.censored + sb.censored > 0 ? `; ${sa.censored + sb.censored} censored run(s) counted as ${budget}` : '';
  let tail = verdict === 'no-difference' ? ' — no practical difference' : '';
  if (verdict === 'inconclusive') {
    tail = ` — not a clear difference with ${seeds}`;
    if (xa.length >= 2 && xb.length >= 2) {
      const needed = seedsToResolve(xa, xb, { alpha, from: Math.max(xa.length, xb.length) + 1, maxSeeds, seed });
      statistics.seedsToResolve = { seeds: needed.seeds, power: needed.power, maxSeeds };
      tail += needed.seeds === null
        ? `; more than ${maxSeeds} seeds each would be needed to resolve a difference this small`
        : `; about ${needed.seeds} seeds each would resolve it (80% power, estimated by resampling these runs)`;
    }
  }
  const sentence = `converges ${lead} (${interval}; Mann–Whitney ${formatP(hl.p)}${censoredNote})${tail}`;
  return { ...base, ratio, ci95, verdict, sentence };
}
