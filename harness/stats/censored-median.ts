/**
 * The median steps-to-target with every censored run as ∞, as AlgoPerf scores a run that
 * misses the target: when half the runs or more never got there, the median is ∞ — "did
 * not converge" — instead of a budget-sized number that looks like a measurement.
 *
 * Formula: median of the values with censored → +∞ (simple-statistics' `median`; with an
 * even count the mean of the middle two, so ∞ as soon as either is).
 * Example: `censoredMedian([{ steps: 400 }, { steps: 600 }, { censored: true }])` → 600;
 * `[{ steps: 400 }, { censored: true }]` → Infinity.
 * Throws: on no runs.
 */
import { median } from 'simple-statistics';
import type { RunOutcome } from './summarize';

/** A run's steps, or +∞ when censored. */
export function stepsOrInfinity(runs: readonly RunOutcome[]): number[] {
  return runs.map((r) => (r.censored ? Infinity : r.steps));
}

export function censoredMedian(runs: readonly RunOutcome[]): number {
  if (!runs.length) throw new Error('censoredMedian requires at least one run, got none.');
  return median(stepsOrInfinity(runs));
}
