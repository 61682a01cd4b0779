/**
 * Convergence as the reports show it: per (model, dataset, T) the accuracy band over seeds
 * of the submission and of the reference, run outcomes (converged, censored, diverged,
 * failed), the comparison with its sentence, and one overall ratio per submission for the
 * class leaderboard.
 */
import { mean, median, sampleStandardDeviation } from 'simple-statistics';
import type { Comparison, TrainingRun } from '../../results/types';
import { clean, firstLine, fmt, round } from './format';
import type { ComparisonView, ConvergenceView, CurveBand, LeaderboardRow, OverallRatio, RunSummary, SubmissionView, UnrankedRow } from './types';

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
    const seeds = Math.min(runs.length, refs.length || runs.length);
    return {
      label: `${model} · ${dataset} · T=${T}`,
      key: `${model}-${dataset}-T${T}`.replace(/[^A-Za-z0-9_-]/g, '-'),
      model, dataset, T, target,
      submission: { curve: band(runs), summary: runSummary(runs) },
      reference: refs.length ? { curve: band(refs), summary: runSummary(refs) } : null,
      comparison: comparison ? comparisonView(comparison, seeds) : null,
    };
  });
}

/** Accuracy mean ± std over seeds at each evaluation step (the course's figures). NaN/Inf points are dropped. */
export function band(runs: readonly Pick<TrainingRun, 'curve'>[]): CurveBand[] {
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

/** seeds on each side below which a comparison has no interval worth printing */
export const MIN_SEEDS_FOR_INTERVAL = 2;

/** The fewest runs on either side of a comparison: its own statistics when it has them, else the runs shown. */
function seedsOf(c: Comparison, shown: number): number {
  return c.statistics ? Math.min(c.statistics.a.runs, c.statistics.b.runs) : shown;
}

/**
 * What a comparison leads with: the Hodges–Lehmann ratio and its interval, which make the
 * verdict (issue 15; `confidence` below 0.95 when the seeds are too few for 95%), else — in
 * results stored before it — the ratio of medians with its bootstrap 95% interval.
 */
function headline(c: Comparison): { ratio: number; lo: number; hi: number; confidence: number } {
  const hl = c.hodgesLehmann;
  return hl ? { ratio: hl.ratio, lo: hl.ci[0], hi: hl.ci[1], confidence: hl.confidence } : { ratio: c.ratio, lo: c.ci95[0], hi: c.ci95[1], confidence: 0.95 };
}

function comparisonView(c: Comparison, shownSeeds: number): ComparisonView {
  const h = headline(c);
  // an interval that covers less than half (1 vs 2 runs) is not worth printing
  const interval = seedsOf(c, shownSeeds) >= MIN_SEEDS_FOR_INTERVAL && h.confidence >= 0.5;
  const level = h.confidence >= 0.95 ? 95 : Math.floor(100 * h.confidence + 1e-9);
  return {
    ratio: h.ratio,
    ratioText: `${fmt(h.ratio)}×`,
    lo: h.lo,
    hi: h.hi,
    intervalText: interval ? `${level}% CI ${fmt(h.lo)}–${fmt(h.hi)}` : null,
    verdict: c.verdict,
    sentence: clean(interval ? c.sentence : c.sentence.replace(/\s*\(95% CI [^)]*\)/, '')),
    pWelch: c.pWelch === undefined ? null : c.pWelch < 0.001 ? '< 0.001' : c.pWelch.toFixed(3),
  };
}

/**
 * One convergence-speed figure per submission: the geometric mean of its steps-to-target
 * ratios. Its interval treats the comparisons as independent and each 95% CI as symmetric
 * on the log scale: se_i = (ln hi − ln lo) / (2·1.96), se = √(Σ se_i²) / k.
 */
export function overallRatio(comparisons: Comparison[], seeds = MIN_SEEDS_FOR_INTERVAL): OverallRatio | null {
  const usable = comparisons.filter((c) => c.ratio > 0 && c.ci95[0] > 0 && c.ci95[1] > 0 && Number.isFinite(c.ci95[1]));
  if (!usable.length) return null;
  const k = usable.length;
  const logMean = usable.reduce((s, c) => s + Math.log(c.ratio), 0) / k;
  const se = Math.sqrt(usable.reduce((s, c) => s + ((Math.log(c.ci95[1]) - Math.log(c.ci95[0])) / (2 * 1.96)) ** 2, 0)) / k;
  const ratio = Math.exp(logMean);
  // one seed (on either side of any comparison) gives no interval: show the ratio alone
  const interval = Math.min(...usable.map((c) => seedsOf(c, seeds))) >= MIN_SEEDS_FOR_INTERVAL;
  const lo = interval ? Math.exp(logMean - 1.96 * se) : ratio;
  const hi = interval ? Math.exp(logMean + 1.96 * se) : ratio;
  return { ratio, lo, hi, interval, text: interval ? `${fmt(ratio)}× (${fmt(lo)}–${fmt(hi)})` : `${fmt(ratio)}×`, comparisons: k };
}

/**
 * Submissions ranked by convergence speed. Only valid runs are ranked: a submission that
 * did not load, or whose training runs errored or timed out (its process crashed, exited
 * or hung), is listed in `unranked` with the reason instead of leading the board.
 */
export function leaderboard(submissions: SubmissionView[]): { ranked: Array<Omit<LeaderboardRow, 'profileArea'>>; unranked: UnrankedRow[] } {
  const withRatio = submissions.filter((s): s is SubmissionView & { overallRatio: OverallRatio } => s.overallRatio !== null);
  const unranked: UnrankedRow[] = [];
  const valid = withRatio.filter((s) => {
    const why = invalidRuns(s);
    if (why) unranked.push({ name: s.name, slug: s.slug, reason: why });
    return !why;
  });
  const ranked = valid
    .sort((a, b) => a.overallRatio.ratio - b.overallRatio.ratio)
    .map((s, i) => ({ rank: i + 1, name: s.name, slug: s.slug, comparisons: s.overallRatio.comparisons, ...pick(s.overallRatio) }));
  return { ranked, unranked };
}

function invalidRuns(s: SubmissionView): string | null {
  if (s.status === 'load-failed') return 'did not load';
  const failed = s.convergence.reduce((n, c) => n + c.submission.summary.failed, 0);
  const total = s.convergence.reduce((n, c) => n + c.submission.summary.seeds, 0);
  return failed ? `${failed} of ${total} training runs errored or timed out` : null;
}

function pick(o: OverallRatio) {
  return { ratio: o.ratio, lo: o.lo, hi: o.hi, interval: o.interval, text: o.text };
}

export function uniqueByKey(runs: TrainingRun[]): TrainingRun[] {
  const byKey = new Map<string, TrainingRun>();
  for (const run of runs) if (!byKey.has(run.key)) byKey.set(run.key, run);
  return [...byKey.values()];
}
