/**
 * The expected running time (ERT, COCO/BBOB) and the success rate of a set of runs with a
 * step budget: the steps one would spend, on average, per run that reaches the target if
 * failed runs were restarted. Unlike a mean over the successes alone it charges every
 * failure its whole budget, so a fast but unreliable implementation does not look fast.
 *
 * Formula: ERT = (Σ steps of the successes + #failures × budget) / #successes; ∞ with no
 * success. Success rate = #successes / #runs.
 * Example: `expectedRunningTime([{ steps: 400 }, { steps: 600 }, { censored: true }], 1000)`
 * → { ert: (400 + 600 + 1000) / 2 = 1000, successRate: 2/3, successes: 2, runs: 3 }.
 * Throws: on no runs, a non-positive budget, or a success with more steps than the budget.
 */
import { sum } from 'simple-statistics';
import type { RunOutcome } from './summarize';

export interface RunningTime { ert: number; successRate: number; successes: number; runs: number }

export function expectedRunningTime(runs: readonly RunOutcome[], budget: number): RunningTime {
  if (!runs.length) throw new Error('expectedRunningTime requires at least one run, got none.');
  if (!(budget > 0)) throw new Error(`expectedRunningTime requires a positive step budget, got ${budget}.`);
  const steps = runs.flatMap((r) => (r.censored ? [] : [r.steps]));
  const over = steps.find((s) => !(s >= 0 && s <= budget));
  if (over !== undefined) throw new Error(`expectedRunningTime requires every success within 0 … ${budget} steps (the budget), got ${over}.`);
  const failures = runs.length - steps.length;
  const spent = sum(steps) + failures * budget;
  return { ert: steps.length ? spent / steps.length : Infinity, successRate: steps.length / runs.length, successes: steps.length, runs: runs.length };
}
