/**
 * A comparison's benchmark figures as short plain lines, for every place that shows them
 * in words (the comparison report, the class overview's tooltip, CLI output), so they read
 * the same everywhere: success rate, ERT, the censored median, IQM with its interval, the
 * probability of improvement and, when stored, the seeds that would resolve the difference.
 *
 * Formula: none — formatting only; steps are rounded to whole steps, ∞ (stored as null)
 * reads "∞", probabilities keep two decimals.
 * Example: `describeStatistics(s, 'the reference')[0]` →
 *   "reached the target in 2 of 4 runs (50%); the reference in 3 of 3 (100%)".
 * Throws: never.
 */
import type { ComparisonStatistics } from '../results/types';

const steps = (v: number | null) => (v === null ? '∞' : String(Math.round(v)));
const percent = (v: number) => `${Math.round(100 * v)}%`;
const interval = ([lo, hi]: [number, number], digits?: number) =>
  digits === undefined ? `${steps(lo)}–${steps(hi)}` : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;

export function describeStatistics(s: ComparisonStatistics, against = 'the reference'): string[] {
  const { a, b } = s;
  const lines = [
    `reached the target in ${a.successes} of ${a.runs} runs (${percent(a.successRate)}); ${against} in ${b.successes} of ${b.runs} (${percent(b.successRate)})`,
    `expected running time (ERT: all steps spent ÷ successes, a failed run counting its budget of ${s.budget}): ${steps(a.ert)} vs ${steps(b.ert)} steps`,
    `median steps, a run that missed the target counting as ∞: ${steps(a.median)} vs ${steps(b.median)}`,
    `interquartile mean: ${steps(a.iqm)} steps (95% CI ${interval(a.iqmCi95)}) vs ${steps(b.iqm)} (95% CI ${interval(b.iqmCi95)})`,
    `probability that a run needs fewer steps than one of ${against}'s: ${s.probabilityOfImprovement.p.toFixed(2)} (95% CI ${interval(s.probabilityOfImprovement.ci95, 2)}; 0.5 = a coin toss)`,
  ];
  const needed = s.seedsToResolve;
  if (needed) {
    lines.push(needed.seeds === null
      ? `seeds to resolve the difference: more than ${needed.maxSeeds} each (80% power)`
      : `seeds to resolve the difference: about ${needed.seeds} each (80% power, estimated by resampling the runs)`);
  }
  return lines;
}
