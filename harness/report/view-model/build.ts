/**
 * The report's one view model: built once from the results, frozen, and handed to every
 * reporter (HTML, Markdown, JUnit, JSON). Reporters only read it. Every field a template
 * can name is present (absent values are `null`), because templates compile in
 * Handlebars' strict mode, where a missing field is an error rather than a blank.
 *
 * Hidden checks are redacted here, once, for the student audience: the view keeps the
 * check's name and score and drops expected/actual/diagnosis/hint/messages, and the
 * redacted `SubmissionResult` that the JSON reporter writes is built from the same rule.
 */
import { mean } from 'simple-statistics';
import type { CheckStatus, Environment, MicroBenchmark, SubmissionResult, TrainingRun } from '../../results/types';
import { checkView, partViews, pointsLost, redactResult } from './checks';
import { convergenceViews, leaderboard, overallRatio, uniqueByKey } from './convergence';
import { clean, deepFreeze, firstLine, fmt, round, uniqueSlugs } from './format';
import { performanceProfileView } from './performance-profile';
import { AUDIENCES, type Audience, type BenchmarkView, type CheckView, type ReportViewModel, type SubmissionView, type TextView, type ViewModelOptions } from './types';


const REFERENCE_NAMES = ['reference', 'example-reference'];

export const BAD_AUDIENCE = (got: unknown) =>
  `writeReports requires audience "student" or "instructor", got ${JSON.stringify(got)}. Fix: pass --audience student|instructor.`;

/** Build the frozen view model. Throws on an unknown audience. */
export function buildViewModel(results: SubmissionResult[], env: Environment, opts: ViewModelOptions): ReportViewModel {
  if (!AUDIENCES.includes(opts.audience)) throw new Error(BAD_AUDIENCE(opts.audience));
  const allRuns = uniqueByKey([...results.flatMap((r) => r.runs), ...(opts.runs ?? [])]);
  const named = new Set([...results.map((r) => r.submission.name), ...allRuns.map((run) => run.submission)]);
  const reference = opts.reference ?? REFERENCE_NAMES.find((n) => named.has(n)) ?? null;
  const referenceResult = reference === null ? undefined : results.find((r) => r.submission.name === reference);
  const referenceRuns = allRuns.filter((run) => run.submission === reference);
  const slugs = uniqueSlugs(results.map((r) => r.submission.name));
  const submissions = results.map((r, i) => submissionView(r, slugs[i], env, opts.audience, reference, referenceRuns, referenceResult));
  const graded = submissions.filter((s) => s.status === 'graded');
  const board = leaderboard(submissions);
  const resultOf = new Map(submissions.map((s, i) => [s.slug, results[i]]));
  const profile = performanceProfileView(board.ranked.map((row) => ({ name: row.name, slug: row.slug, comparisons: resultOf.get(row.slug)!.comparisons })),
    reference === null ? null : { name: reference, runs: referenceRuns.length });
  const areaOf = new Map(profile.submissions.map((row) => [row.slug, row.areaText]));
  const vm: ReportViewModel = {
    audience: opts.audience,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    environment: cleanStrings(env),
    reference,
    submissions,
    leaderboard: board.ranked.map((row) => ({ ...row, profileArea: areaOf.get(row.slug) ?? '—' })),
    performanceProfile: profile,
    unranked: board.unranked,
    totals: {
      submissions: submissions.length,
      graded: graded.length,
      loadFailed: submissions.length - graded.length,
      meanPercent: submissions.length ? round(mean(submissions.map((s) => s.percent)), 1) : 0,
    },
  };
  return deepFreeze(vm);
}

function submissionView(
  r: SubmissionResult, slug: string, runEnv: Environment, audience: Audience, reference: string | null,
  referenceRuns: TrainingRun[], referenceResult: SubmissionResult | undefined,
): SubmissionView {
  const checks = r.checks.map((c) => checkView(c, audience));
  const parts = partViews(r, checks);
  const environment = cleanStrings(r.environment ?? runEnv);
  const ownRuns = r.runs.filter((run) => run.submission === r.submission.name || run.submission !== reference);
  const convergence = convergenceViews(ownRuns, r.submission.name === reference ? [] : referenceRuns, r.comparisons);
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return {
    name: clean(r.submission.name),
    slug,
    author: r.submission.author == null ? null : clean(r.submission.author),
    hash: r.submission.hash,
    profile: r.profile,
    status: r.status,
    verdict: r.status === 'load-failed' ? 'load-failed' : r.score >= r.maxScore && r.maxScore > 0 ? 'full-marks' : r.score > 0 ? 'partial' : 'no-points',
    ...outcome(r, checks),
    loadError: r.status === 'load-failed' ? { cause: r.error.cause, message: clean(r.error.message) } : null,
    warnings: r.submission.warnings.map(clean),
    score: round(r.score, 2),
    maxScore: round(r.maxScore, 2),
    percent: r.maxScore > 0 ? round((100 * r.score) / r.maxScore, 1) : 0,
    parts,
    checks,
    lostChecks: checks.filter((c) => !c.ok && c.status !== 'skipped').sort((a, b) => b.lost - a.lost),
    pointsLost: pointsLost(parts),
    counts: {
      passed: count('passed'), failed: count('failed'), errored: count('errored'),
      timedOut: count('timed-out'), skipped: count('skipped'), total: checks.length,
    },
    convergence,
    overallRatio: overallRatio(r.comparisons, r.seeds.length),
    benchmarks: r.benchmarks.map(benchmarkView),
    text: textView(r, referenceResult),
    reproducibility: {
      harnessVersion: environment.harnessVersion,
      commit: environment.commit,
      profile: r.profile,
      seeds: r.seeds.join(', '),
      backend: environment.backend,
      backendDetail: environment.backendDetail,
      device: environment.device,
      tfjsVersion: environment.tfjsVersion,
      nodeVersion: environment.nodeVersion,
      cpu: environment.cpu,
      platform: environment.platform,
      isolation: environment.isolation ?? 'not recorded (in-process or an older run)',
      sameSeedSameCurve: !r.reproducibility ? 'not checked (no experiments)'
        : r.reproducibility.status === 'reproducible' ? 'yes'
          : `${r.reproducibility.status === 'not-reproducible' ? 'no — comparisons withheld' : 'unknown'}: ${r.reproducibility.message}`,
      submissionHash: r.submission.hash,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationSeconds: round(Math.max(0, Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000, 1),
    },
    pytorch: r.pytorch ? cleanStrings(r.pytorch) : null,
    environment,
    // the resolved environment goes into the result, so its results.json is self-describing (and a rebuild reproduces it)
    result: cleanStrings({ ...redactResult(r, audience), environment }),
    files: {
      html: `${slug}/report.html`, markdown: `${slug}/summary.md`, junit: `${slug}/junit.xml`, json: `${slug}/results.json`,
    },
  };
}


/**
 * What happened, for the status badge: graded (every check ran to a verdict), partly graded
 * (some checks or training runs errored or timed out, so their points could not be judged),
 * failed to load.
 */
function outcome(r: SubmissionResult, checks: CheckView[]): Pick<SubmissionView, 'outcome' | 'outcomeLabel' | 'outcomeNote'> {
  if (r.status === 'load-failed') return { outcome: 'load-failed', outcomeLabel: 'failed to load', outcomeNote: firstLine(clean(r.error.message)) };
  const unjudged = checks.filter((c) => c.status === 'errored' || c.status === 'timed-out').length;
  const runs = r.runs.filter((run) => run.status === 'errored' || run.status === 'timed-out').length;
  if (!unjudged && !runs) return { outcome: 'graded', outcomeLabel: 'graded', outcomeNote: null };
  const note = [unjudged && `${unjudged} ${unjudged === 1 ? 'check' : 'checks'} errored or timed out`, runs && `${runs} training ${runs === 1 ? 'run' : 'runs'} did not finish`]
    .filter(Boolean).join('; ');
  return { outcome: 'partly-graded', outcomeLabel: 'partly graded', outcomeNote: note };
}

/** Every string of a plain-data object cleaned (control characters, escape sequences, local paths), for the JSON payload. */
function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  }
  return value;
}

function benchmarkView(b: MicroBenchmark): BenchmarkView {
  return {
    model: b.model,
    task: b.task,
    sizes: Object.entries(b.sizes).map(([k, v]) => `${k}=${v}`).join(', '),
    meanMs: b.meanMs.toFixed(3),
    p99Ms: b.p99Ms.toFixed(3),
    rme: `±${b.rme.toFixed(1)}%`,
    samples: b.samples,
    ratio: b.ratioToReference === undefined ? null : `${fmt(b.ratioToReference)}×`,
  };
}

function textView(r: SubmissionResult, ref: SubmissionResult | undefined): TextView | null {
  if (!r.text) return null;
  const refText = ref && ref !== r ? ref.text : undefined;
  return {
    greedy: r.text.greedy.map((g) => {
      const refAt = refText?.greedy.find((x) => x.at === g.at);
      return {
        at: g.at,
        samples: g.samples.map((s) => ({
          start: s.start,
          text: clean(s.text),
          reference: refAt?.samples.find((x) => x.start === s.start)?.text ?? null,
        })),
      };
    }),
    temperature: r.text.temperature.map((t) => {
      const refTau = refText?.temperature.find((x) => x.tau === t.tau);
      return { tau: t.tau, samples: t.samples.map((text, i) => ({ text: clean(text), reference: refTau?.samples[i] ?? null })) };
    }),
  };
}
