/**
 * Steps-to-target of one configuration (model × dataset × T) over its seeds: mean ± std,
 * median and olympic mean, respecting censored runs.
 *
 * A censored run (budget ran out before the target) counts as "≥ budget": its value is the
 * budget, so every statistic is a lower bound when `censored > 0`, and the summary says so.
 * Formula: std is the sample standard deviation (n − 1), 0 for a single run.
 * Example: `summarize([{ steps: 400 }, { steps: 600 }, { censored: true }], 1000)` →
 *   { n: 3, censored: 1, mean: 666.7, median: 600, olympicMean: 600, lowerBound: true, … }.
 * Throws: on no runs or a non-positive budget.
 */
import { mean, median, sampleStandardDeviation } from 'simple-statistics';
import { olympicMean } from './olympic-mean';

/** One run's outcome as the statistics see it. */
export type RunOutcome = { steps: number; censored?: false } | { censored: true };

export interface Summary {
  n: number;
  converged: number;
  censored: number;
  mean: number;
  std: number;
  median: number;
  olympicMean: number;
  /** true when a censored run entered the figures, which are then lower bounds */
  lowerBound: boolean;
}

/** The value a run contributes: its steps, or the budget when censored. */
export function stepsOrBudget(runs: readonly RunOutcome[], budget: number): number[] {
  return runs.map((r) => (r.censored ? budget : r.steps));
}

export function summarize(runs: readonly RunOutcome[], budget: number): Summary {
  if (!runs.length) throw new Error('summarize requires at least one run, got none.');
  if (!(budget > 0)) throw new Error(`summarize requires a positive step budget, got ${budget}.`);
  const values = stepsOrBudget(runs, budget);
  const censored = runs.filter((r) => r.censored).length;
  return {
    n: runs.length,
    converged: runs.length - censored,
    censored,
    mean: mean(values),
    std: values.length > 1 ? sampleStandardDeviation(values) : 0,
    median: median(values),
    olympicMean: olympicMean(values),
    lowerBound: censored > 0,
  };
}
