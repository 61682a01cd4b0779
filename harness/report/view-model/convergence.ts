/**
 * Convergence as the reports show it: per (model, dataset, T) the accuracy band over seeds
 * of the submission and of the reference, run outcomes (converged, censored, diverged,
 * failed), the comparison with its sentence, and one overall ratio per submission for the
 * class leaderboard.
 */
import { mean, median, sampleStandardDeviation } from 'simple-statistics';
import type { Comparison, TrainingRun } from '../../results/types';
import { clean, firstLine, fmt, round } from './format';
import type { ComparisonView, ConvergenceView, CurveBand, LeaderboardRow, OverallRatio, RunSummary, SubmissionView } from './types';

function groupKey(run: Pick<TrainingRun, 'model' | 'dataset' | 'T'>): string {
  return `${run.model}|${run.dataset}|${run.T}`;
}

export function convergenceViews(own: TrainingRun[], referenceRuns: TrainingRun[], comparisons: Comparison[]): ConvergenceView[] {
  const keys = [...new Set(own.map(groupKey))];
  return keys.map((key) => {
    const runs = own.filter((run) => groupKey(run) === key);
    const refs = referenceRuns.filter((run) => groupKey(run) === key);
    const { model, dataset, T, target } = runs[0];
    const comparison = comparisons.find((c) => c.model === model && c.dataset === dataset && c.T === T);
    return {
      label: `${model} · ${dataset} · T=${T}`,
      key: `${model}-${dataset}-T${T}`.replace(/[^A-Za-z0-9_-]/g, '-'),
      model, dataset, T, target,
      submission: { curve: band(runs), summary: runSummary(runs) },
      reference: refs.length ? { curve: band(refs), summary: runSummary(refs) } : null,
      comparison: comparison ? comparisonView(comparison) : null,
    };
  });
}

/** Accuracy mean ± std over seeds at each evaluation step (the course's figures). NaN/Inf points are dropped. */
export function band(runs: TrainingRun[]): CurveBand[] {
  const byStep = new Map<number, number[]>();
  for (const run of runs) {
    for (const p of run.curve) {
      if (!Number.isFinite(p.accuracy)) continue;
      const values = byStep.get(p.step) ?? [];
      values.push(p.accuracy);
      byStep.set(p.step, values);
    }
  }
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, values]) => {
    const m = mean(values);
    const s = values.length > 1 ? sampleStandardDeviation(values) : 0;
    return { step, mean: m, lo: m - s, hi: m + s, n: values.length };
  });
}

function runSummary(runs: TrainingRun[]): RunSummary {
  const converged = runs.filter((r) => r.status === 'converged' && r.stepsToTarget !== undefined);
  const steps = converged.map((r) => r.stepsToTarget as number);
  const seconds = converged.flatMap((r) => (r.secondsToTarget === undefined ? [] : [r.secondsToTarget]));
  const ms = runs.map((r) => r.msPerStep).filter((x) => Number.isFinite(x) && x > 0);
  return {
    seeds: runs.length,
    converged: converged.length,
    censored: runs.filter((r) => r.status === 'censored').length,
    diverged: runs.filter((r) => r.status === 'diverged').length,
    failed: runs.filter((r) => r.status === 'errored' || r.status === 'timed-out').length,
    medianSteps: steps.length ? median(steps) : null,
    medianSeconds: seconds.length ? round(median(seconds), 2) : null,
    msPerStep: ms.length ? round(median(ms), 2) : null,
    notes: runs.filter((r) => r.status !== 'converged').map(runNote),
  };
}

function runNote(r: TrainingRun): string {
  const why = {
    converged: 'converged',
    censored: `censored: target ${r.target} not reached within ${r.budgetSteps} steps`,
    diverged: 'diverged: the loss became NaN or infinite',
    errored: 'errored',
    'timed-out': 'timed out',
  }[r.status];
  return `seed ${r.seed}: ${why}${r.message ? ` (${firstLine(clean(r.message))})` : ''}`;
}

function comparisonView(c: Comparison): ComparisonView {
  return {
    ratio: c.ratio,
    ratioText: `${fmt(c.ratio)}×`,
    lo: c.ci95[0],
    hi: c.ci95[1],
    intervalText: `95% CI ${fmt(c.ci95[0])}–${fmt(c.ci95[1])}`,
    verdict: c.verdict,
    sentence: clean(c.sentence),
    pWelch: c.pWelch === undefined ? null : c.pWelch < 0.001 ? '< 0.001' : c.pWelch.toFixed(3),
  };
}

/**
 * One convergence-speed figure per submission: the geometric mean of its steps-to-target
 * ratios. Its interval treats the comparisons as independent and each 95% CI as symmetric
 * on the log scale: se_i = (ln hi − ln lo) / (2·1.96), se = √(Σ se_i²) / k.
 */
export function overallRatio(comparisons: Comparison[]): OverallRatio | null {
  const usable = comparisons.filter((c) => c.ratio > 0 && c.ci95[0] > 0 && c.ci95[1] > 0 && Number.isFinite(c.ci95[1]));
  if (!usable.length) return null;
  const k = usable.length;
  const logMean = usable.reduce((s, c) => s + Math.log(c.ratio), 0) / k;
  const se = Math.sqrt(usable.reduce((s, c) => s + ((Math.log(c.ci95[1]) - Math.log(c.ci95[0])) / (2 * 1.96)) ** 2, 0)) / k;
  const ratio = Math.exp(logMean);
  const lo = Math.exp(logMean - 1.96 * se);
  const hi = Math.exp(logMean + 1.96 * se);
  return { ratio, lo, hi, text: `${fmt(ratio)}× (${fmt(lo)}–${fmt(hi)})`, comparisons: k };
}

export function leaderboard(submissions: SubmissionView[]): LeaderboardRow[] {
  return submissions
    .filter((s): s is SubmissionView & { overallRatio: OverallRatio } => s.overallRatio !== null)
    .sort((a, b) => a.overallRatio.ratio - b.overallRatio.ratio)
    .map((s, i) => ({ rank: i + 1, name: s.name, slug: s.slug, comparisons: s.overallRatio.comparisons, ...pick(s.overallRatio) }));
}

function pick(o: OverallRatio) {
  return { ratio: o.ratio, lo: o.lo, hi: o.hi, text: o.text };
}

export function uniqueByKey(runs: TrainingRun[]): TrainingRun[] {
  const byKey = new Map<string, TrainingRun>();
  for (const run of runs) if (!byKey.has(run.key)) byKey.set(run.key, run);
  return [...byKey.values()];
}
