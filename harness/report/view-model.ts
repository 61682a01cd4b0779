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
import { median, sampleStandardDeviation, mean } from 'simple-statistics';
import type {
  CheckResult, CheckStatus, Comparison, Environment, MicroBenchmark, Part, SubmissionResult, TrainingRun,
} from '../results/types';

export type Audience = 'student' | 'instructor';
export const AUDIENCES: readonly Audience[] = ['student', 'instructor'];

export const HIDDEN_CHECK_OUTPUT = 'Hidden check: only its name and score are shown to students.';

export const PART_TITLES: Record<Part, string> = {
  part1: 'Part 1 — recurrent sequence classifiers',
  part2: 'Part 2 — text generation',
  part3: 'Part 3 — graph layers',
};

const STATUS_LABELS: Record<CheckStatus, string> = {
  passed: 'passed', failed: 'failed', errored: 'error', 'timed-out': 'timed out', skipped: 'skipped',
};

export interface CheckDetails {
  expected: string | null;
  actual: string | null;
  diagnosis: { id: string; message: string; error: string } | null;
  hint: string | null;
  /** errored: why; timed-out: the limit; skipped: the reason; passed: the note */
  message: string | null;
  cause: string | null;
}

export interface CheckView {
  id: string;
  title: string;
  part: Part;
  subject: string;
  status: CheckStatus;
  statusLabel: string;
  score: number;
  points: number;
  /** points lost, for sorting and the "what to fix" list */
  lost: number;
  ms: number;
  hidden: boolean;
  /** true when the audience may not see the details of this (hidden) check */
  redacted: boolean;
  ok: boolean;
  /** one line for tables and Gradescope's `output` */
  summary: string;
  /** null when there is nothing to expand (passed without a note, or redacted) */
  details: CheckDetails | null;
}

/** The checks of one model (or other subject) within a part; a subject skipped as a whole folds into one line. */
export interface SubjectView {
  subject: string;
  score: number;
  max: number;
  checks: CheckView[];
  /** every check skipped for the same reason ("not submitted"): shown folded */
  skippedReason: string | null;
}

export interface PartView { part: Part; title: string; score: number; max: number; percent: number; checks: CheckView[]; subjects: SubjectView[] }

export interface CurveBand { step: number; mean: number; lo: number; hi: number; n: number }

export interface RunSummary {
  seeds: number;
  converged: number;
  censored: number;
  diverged: number;
  failed: number;
  /** median steps-to-target over converged seeds, null when none converged */
  medianSteps: number | null;
  medianSeconds: number | null;
  msPerStep: number | null;
  /** one line per run that did not converge: "seed 3: censored at 2000 steps" */
  notes: string[];
}

export interface ConvergenceView {
  /** `lstm · digit-palindrome · T=10` */
  label: string;
  /** stable id for chart anchors */
  key: string;
  model: string;
  dataset: string;
  T: number;
  target: number;
  submission: { curve: CurveBand[]; summary: RunSummary };
  reference: { curve: CurveBand[]; summary: RunSummary } | null;
  comparison: ComparisonView | null;
}

export interface ComparisonView {
  ratio: number;
  ratioText: string;
  lo: number;
  hi: number;
  intervalText: string;
  verdict: Comparison['verdict'];
  sentence: string;
  pWelch: string | null;
}

export interface BenchmarkView {
  model: string;
  task: MicroBenchmark['task'];
  sizes: string;
  meanMs: string;
  p99Ms: string;
  rme: string;
  samples: number;
  ratio: string | null;
}

export interface TextView {
  greedy: Array<{ at: string; samples: Array<{ start: string; text: string; reference: string | null }> }>;
  temperature: Array<{ tau: number; samples: Array<{ text: string; reference: string | null }> }>;
}

export interface ReproducibilityView {
  harnessVersion: string;
  commit: string;
  profile: string;
  seeds: string;
  backend: string;
  backendDetail: string;
  device: string;
  tfjsVersion: string;
  nodeVersion: string;
  cpu: string;
  platform: string;
  submissionHash: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
}

/** Overall convergence speed against the reference: steps-to-target ratio, > 1 is slower. */
export interface OverallRatio { ratio: number; lo: number; hi: number; text: string; comparisons: number }

export interface SubmissionView {
  name: string;
  /** folder name of the submission's reports under the run dir (file-system safe, unique) */
  slug: string;
  author: string | null;
  hash: string;
  profile: string;
  status: 'graded' | 'load-failed';
  /** for the headline's icon: all points, some, none, or did not load */
  verdict: 'full-marks' | 'partial' | 'no-points' | 'load-failed';
  loadError: { cause: string; message: string } | null;
  warnings: string[];
  score: number;
  maxScore: number;
  percent: number;
  parts: PartView[];
  checks: CheckView[];
  /** failed/errored/timed-out checks, most points lost first */
  lostChecks: CheckView[];
  counts: { passed: number; failed: number; errored: number; timedOut: number; skipped: number; total: number };
  convergence: ConvergenceView[];
  overallRatio: OverallRatio | null;
  benchmarks: BenchmarkView[];
  text: TextView | null;
  reproducibility: ReproducibilityView;
  environment: Environment;
  /** the result as the audience may see it (hidden checks redacted for students): the JSON's canonical payload */
  result: SubmissionResult;
  /** report files, relative to the run dir */
  files: { html: string; markdown: string; junit: string; json: string };
}

export interface LeaderboardRow { rank: number; name: string; slug: string; ratio: number; lo: number; hi: number; text: string; comparisons: number }

export interface ReportViewModel {
  audience: Audience;
  generatedAt: string;
  environment: Environment;
  /** the submission whose runs are the reference band, when present */
  reference: string | null;
  submissions: SubmissionView[];
  leaderboard: LeaderboardRow[];
  totals: { submissions: number; graded: number; loadFailed: number; meanPercent: number };
}

export interface ViewModelOptions {
  audience: Audience;
  /** name of the reference submission; default: a submission named `reference` or `example-reference` */
  reference?: string;
  /** more training runs than the results carry, e.g. the reference's from a benchmark store (matched by submission name) */
  runs?: readonly TrainingRun[];
  /** fixed clock for reproducible output in tests */
  now?: Date;
}

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
  const vm: ReportViewModel = {
    audience: opts.audience,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    environment: env,
    reference,
    submissions,
    leaderboard: leaderboard(submissions),
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
  const environment = r.environment ?? runEnv;
  const ownRuns = r.runs.filter((run) => run.submission === r.submission.name || run.submission !== reference);
  const convergence = convergenceViews(ownRuns, r.submission.name === reference ? [] : referenceRuns, r.comparisons);
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return {
    name: r.submission.name,
    slug,
    author: r.submission.author ?? null,
    hash: r.submission.hash,
    profile: r.profile,
    status: r.status,
    verdict: r.status === 'load-failed' ? 'load-failed' : r.score >= r.maxScore && r.maxScore > 0 ? 'full-marks' : r.score > 0 ? 'partial' : 'no-points',
    loadError: r.status === 'load-failed' ? { cause: r.error.cause, message: clean(r.error.message) } : null,
    warnings: r.submission.warnings.map(clean),
    score: round(r.score, 2),
    maxScore: round(r.maxScore, 2),
    percent: r.maxScore > 0 ? round((100 * r.score) / r.maxScore, 1) : 0,
    parts,
    checks,
    lostChecks: checks.filter((c) => !c.ok && c.status !== 'skipped').sort((a, b) => b.lost - a.lost),
    counts: {
      passed: count('passed'), failed: count('failed'), errored: count('errored'),
      timedOut: count('timed-out'), skipped: count('skipped'), total: checks.length,
    },
    convergence,
    overallRatio: overallRatio(r.comparisons),
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
      submissionHash: r.submission.hash,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationSeconds: round(Math.max(0, Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000, 1),
    },
    environment,
    // the resolved environment goes into the result, so its results.json is self-describing (and a rebuild reproduces it)
    result: { ...redactResult(r, audience), environment },
    files: {
      html: `${slug}/report.html`, markdown: `${slug}/summary.md`, junit: `${slug}/junit.xml`, json: `${slug}/results.json`,
    },
  };
}

/** Whether the audience may see a check's details. */
export function isRedacted(c: Pick<CheckResult, 'hidden'>, audience: Audience): boolean {
  return c.hidden && audience === 'student';
}

function checkView(c: CheckResult, audience: Audience): CheckView {
  const redacted = isRedacted(c, audience);
  const details = redacted ? null : checkDetails(c);
  return {
    id: c.id,
    title: c.title,
    part: c.part,
    subject: c.subject,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    score: round(c.score, 2),
    points: round(c.points, 2),
    lost: round(Math.max(0, c.points - c.score), 2),
    ms: Math.round(c.ms),
    hidden: c.hidden,
    redacted,
    ok: c.status === 'passed',
    summary: redacted ? HIDDEN_CHECK_OUTPUT : checkSummary(c),
    details,
  };
}

function checkSummary(c: CheckResult): string {
  switch (c.status) {
    case 'passed': return c.note ? `Passed: ${clean(c.note)}` : 'Passed.';
    case 'failed': return `Failed: expected ${clean(c.expected)}, got ${clean(c.actual)}.`;
    case 'errored': return `Error (${c.cause}): ${firstLine(clean(c.message))}`;
    case 'timed-out': return `Timed out after ${c.limitMs} ms.`;
    case 'skipped': return `Skipped: ${clean(c.reason)}`;
  }
}

function checkDetails(c: CheckResult): CheckDetails | null {
  const none: CheckDetails = { expected: null, actual: null, diagnosis: null, hint: null, message: null, cause: null };
  switch (c.status) {
    case 'passed': return c.note ? { ...none, message: clean(c.note) } : null;
    case 'failed': return {
      ...none,
      expected: clean(c.expected),
      actual: clean(c.actual),
      hint: clean(c.hint),
      diagnosis: c.diagnosis
        ? { id: c.diagnosis.id, message: clean(c.diagnosis.message), error: relativeError(c.diagnosis.error) }
        : null,
    };
    case 'errored': return { ...none, cause: c.cause, message: clean(c.message), hint: clean(c.hint) };
    case 'timed-out': return { ...none, message: `No answer within ${c.limitMs} ms.`, hint: clean(c.hint) };
    case 'skipped': return { ...none, message: clean(c.reason) };
  }
}

/** The result without hidden checks' details, for students; unchanged for instructors. */
export function redactResult(r: SubmissionResult, audience: Audience): SubmissionResult {
  if (audience === 'instructor') return structuredClone(r);
  const checks = r.checks.map((c): CheckResult => {
    if (!isRedacted(c, audience)) return c;
    const { id, title, part, subject, points, timeoutMs, hidden, score, ms } = c;
    const meta = { id, title, part, subject, points, timeoutMs, hidden, score, ms };
    // The status stays (the score already tells pass/fail); every detail goes.
    switch (c.status) {
      case 'passed': return { ...meta, status: 'passed' };
      case 'failed': return { ...meta, status: 'failed', expected: '', actual: '', hint: '' };
      case 'errored': return { ...meta, status: 'errored', cause: c.cause, message: '', hint: '' };
      case 'timed-out': return { ...meta, status: 'timed-out', limitMs: c.limitMs, hint: '' };
      case 'skipped': return { ...meta, status: 'skipped', reason: '' };
    }
  });
  return structuredClone({ ...r, checks });
}

function partViews(r: SubmissionResult, checks: CheckView[]): PartView[] {
  const parts = r.parts.map((p) => p.part);
  for (const c of checks) if (!parts.includes(c.part)) parts.push(c.part);
  return parts.map((part) => {
    const given = r.parts.find((p) => p.part === part);
    const own = checks.filter((c) => c.part === part);
    const score = given ? given.score : own.reduce((s, c) => s + c.score, 0);
    const max = given ? given.max : own.reduce((s, c) => s + c.points, 0);
    return {
      part, title: PART_TITLES[part], score: round(score, 2), max: round(max, 2), percent: max > 0 ? round((100 * score) / max, 1) : 0,
      checks: own, subjects: subjectViews(own),
    };
  });
}

function subjectViews(checks: CheckView[]): SubjectView[] {
  const subjects = [...new Set(checks.map((c) => c.subject))];
  return subjects.map((subject) => {
    const own = checks.filter((c) => c.subject === subject);
    const reasons = new Set(own.map((c) => (c.status === 'skipped' && c.details?.message) || null));
    const [reason] = [...reasons];
    return {
      subject,
      score: round(own.reduce((sum, c) => sum + c.score, 0), 2),
      max: round(own.reduce((sum, c) => sum + c.points, 0), 2),
      checks: own,
      skippedReason: reasons.size === 1 && reason ? reason : null,
    };
  });
}

function groupKey(run: Pick<TrainingRun, 'model' | 'dataset' | 'T'>): string {
  return `${run.model}|${run.dataset}|${run.T}`;
}

function convergenceViews(own: TrainingRun[], referenceRuns: TrainingRun[], comparisons: Comparison[]): ConvergenceView[] {
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

function leaderboard(submissions: SubmissionView[]): LeaderboardRow[] {
  return submissions
    .filter((s): s is SubmissionView & { overallRatio: OverallRatio } => s.overallRatio !== null)
    .sort((a, b) => a.overallRatio.ratio - b.overallRatio.ratio)
    .map((s, i) => ({ rank: i + 1, name: s.name, slug: s.slug, comparisons: s.overallRatio.comparisons, ...pick(s.overallRatio) }));
}

function pick(o: OverallRatio) {
  return { ratio: o.ratio, lo: o.lo, hi: o.hi, text: o.text };
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

function uniqueByKey(runs: TrainingRun[]): TrainingRun[] {
  const byKey = new Map<string, TrainingRun>();
  for (const run of runs) if (!byKey.has(run.key)) byKey.set(run.key, run);
  return [...byKey.values()];
}

/** Folder names for reports: file-system safe and unique. */
export function uniqueSlugs(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'submission';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  });
}

/** Strip ANSI colour codes and characters that XML 1.0 cannot carry (students' errors contain both). */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function relativeError(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toPrecision(2);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Ratios and intervals for people: 2 decimals below 10, 1 above; an unbounded end (∞, or null once through JSON) is ∞. */
export function fmt(x: number | null): string {
  if (x === null || x === Infinity) return '∞';
  if (!Number.isFinite(x)) return x === -Infinity ? '−∞' : 'n/a';
  return Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
