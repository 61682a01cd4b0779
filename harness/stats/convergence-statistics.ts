/**
 * One implementation's steps-to-target over its seeds as the benchmarks report it, in the
 * plain-JSON form a Comparison stores: success rate and ERT (COCO/BBOB), the median with
 * censored runs = ∞ (AlgoPerf), and the IQM with its stratified-bootstrap interval
 * (rliable; censored runs count as the budget). ∞ is stored as null — JSON has no ∞.
 *
 * Formula: see `expectedRunningTime`, `censoredMedian`, `interquartileMean` and
 * `stratifiedBootstrap`.
 * Example: `convergenceStatistics([{ steps: 400 }, { steps: 600 }, { censored: true }], 1000)` →
 * { runs: 3, successes: 2, successRate: 0.667, ert: 1000, median: 600, iqm: 666.7, iqmCi95: […] }.
 * Throws: on no runs or a non-positive budget.
 */
import type { ConvergenceStatistics } from '../results/types';
import { censoredMedian } from './censored-median';
import { expectedRunningTime } from './expected-running-time';
import { interquartileMean } from './interquartile-mean';
import { stratifiedBootstrap } from './stratified-bootstrap';
import { stepsOrBudget, type RunOutcome } from './summarize';

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function convergenceStatistics(runs: readonly RunOutcome[], budget: number, options: { seed?: number; resamples?: number } = {}): ConvergenceStatistics {
  const { ert, successRate, successes } = expectedRunningTime(runs, budget);
  const values = stepsOrBudget(runs, budget);
  return {
    runs: runs.length,
    successes,
    successRate,
    ert: finiteOrNull(ert),
    median: finiteOrNull(censoredMedian(runs)),
    iqm: interquartileMean(values),
    iqmCi95: stratifiedBootstrap([values], ([v]) => interquartileMean(v), options).ci95,
  };
}
