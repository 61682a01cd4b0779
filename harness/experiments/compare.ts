/**
 * From stored runs to statistics: per configuration (submission × model × dataset × T)
 * the steps-to-target summary, and each submission against the reference (or any two
 * submissions) as a Comparison with its plain sentence. Only converged and censored runs
 * are statistics; errored, timed-out and diverged runs are reported, not averaged.
 */
import type { Comparison, TrainingRun } from '../results/types';
import { compareRuns, summarize, type RunOutcome, type Summary } from '../stats';

export interface ConfigSummary { submission: string; model: string; dataset: string; T: number; budget: number; summary: Summary; excluded: number }

const configKey = (r: TrainingRun) => `${r.model}\u0000${r.dataset}\u0000${r.T}`;
const usable = (r: TrainingRun) => r.status === 'converged' || r.status === 'censored';
const outcome = (r: TrainingRun): RunOutcome => (r.status === 'converged' && r.stepsToTarget !== undefined ? { steps: r.stepsToTarget } : { censored: true });

function group(runs: readonly TrainingRun[]): Map<string, TrainingRun[]> {
  const groups = new Map<string, TrainingRun[]>();
  for (const r of runs) {
    const k = `${r.submission}\u0000${configKey(r)}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return groups;
}

export function summarizeRuns(runs: readonly TrainingRun[]): ConfigSummary[] {
  const out: ConfigSummary[] = [];
  for (const list of group(runs).values()) {
    const ok = list.filter(usable);
    if (!ok.length) continue;
    const { submission, model, dataset, T, budgetSteps } = ok[0];
    out.push({ submission, model, dataset, T, budget: budgetSteps, summary: summarize(ok.map(outcome), budgetSteps), excluded: list.length - ok.length });
  }
  return out;
}

/** `a` against `b` (default: the reference) on every configuration both ran. */
export function compareSubmissions(runs: readonly TrainingRun[], a: string, b = 'reference', options: { seed?: number } = {}): Comparison[] {
  const mine = runs.filter((r) => r.submission === a && usable(r));
  const theirs = runs.filter((r) => r.submission === b && usable(r));
  const comparisons: Comparison[] = [];
  for (const k of [...new Set(mine.map(configKey))]) {
    const x = mine.filter((r) => configKey(r) === k);
    const y = theirs.filter((r) => configKey(r) === k);
    if (!y.length) continue;
    const { model, dataset, T, budgetSteps } = x[0];
    const c = compareRuns(x.map(outcome), y.map(outcome), {
      budget: Math.max(budgetSteps, y[0].budgetSteps), against: b === 'reference' ? 'the reference' : b, seed: options.seed,
    });
    comparisons.push({ model, dataset, T, ratio: c.ratio, ci95: c.ci95, pWelch: c.pWelch, pPermutation: c.pPermutation, hodgesLehmann: c.hodgesLehmann, verdict: c.verdict, sentence: c.sentence, ...(c.statistics ? { statistics: c.statistics } : {}) });
  }
  return comparisons;
}

/** A text table of mean ± std / median / olympic mean per configuration (bench output, logs). */
export function formatSummaries(rows: readonly ConfigSummary[]): string[] {
  return rows.map((r) => {
    const s = r.summary;
    const lb = s.lowerBound ? '≥' : '';
    return `${r.submission.padEnd(14)} ${r.model.padEnd(11)} ${r.dataset.padEnd(18)} T=${String(r.T).padEnd(3)} `
      + `converged ${s.converged}/${s.n}  steps ${lb}${s.mean.toFixed(0)} ± ${s.std.toFixed(0)}, median ${lb}${s.median.toFixed(0)}, olympic ${lb}${s.olympicMean.toFixed(0)}`
      + (r.excluded ? `  (${r.excluded} errored/diverged not counted)` : '');
  });
}
