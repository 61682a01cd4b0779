/**
 * The shapes of the report's view model. Every field a template can name is present
 * (absent values are `null`): templates compile in Handlebars' strict mode.
 */
import type { PyTorchGrading } from '../../pytorch/types';
import type { CheckStatus, Comparison, Environment, MicroBenchmark, Part, SubmissionResult, TrainingRun } from '../../results/types';

export type Audience = 'student' | 'instructor';
export const AUDIENCES: readonly Audience[] = ['student', 'instructor'];

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
  part: Part;
  subject: string;
  score: number;
  max: number;
  checks: CheckView[];
  /** every check skipped for the same reason ("not submitted"): shown folded */
  skippedReason: string | null;
}

/** One line of "points lost": a check, or a whole model that was not handed in. */
export interface PointsLostRow { href: string; title: string; lost: number; points: number; why: string; skipped: boolean }

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
  /** the Hodges–Lehmann ratio of steps to target (the median of all pairwise ratios), else — in older results — the ratio of medians */
  ratio: number;
  ratioText: string;
  lo: number;
  hi: number;
  /** "95% CI 1.2–1.8" (a lower level when the seeds are too few for 95%); null with fewer than two seeds on a side: one run gives no interval */
  intervalText: string | null;
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

export interface ReproducibilityView extends Environment {
  /** how the submission's process was isolated (always a string in the view) */
  isolation: string;
  /** the reproducibility check's verdict: the same seed gave the same curve */
  sameSeedSameCurve: string;
  profile: string;
  seeds: string;
  submissionHash: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
}

/** Overall convergence speed against the reference: steps-to-target ratio, > 1 is slower. */
export interface OverallRatio {
  ratio: number; lo: number; hi: number;
  /** false with fewer than two seeds: lo = hi = ratio and the text has no interval */
  interval: boolean;
  text: string; comparisons: number;
}

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
  /** what happened, for the status badge (the score says how well) */
  outcome: 'graded' | 'partly-graded' | 'load-failed';
  outcomeLabel: 'graded' | 'partly graded' | 'failed to load';
  /** why partly graded or not loaded, one line; null when graded */
  outcomeNote: string | null;
  loadError: { cause: string; message: string } | null;
  warnings: string[];
  score: number;
  maxScore: number;
  percent: number;
  parts: PartView[];
  checks: CheckView[];
  /** failed/errored/timed-out checks, most points lost first */
  lostChecks: CheckView[];
  /** every check or not-submitted model that cost points, most first (the report's opening list) */
  pointsLost: PointsLostRow[];
  counts: { passed: number; failed: number; errored: number; timedOut: number; skipped: number; total: number };
  convergence: ConvergenceView[];
  overallRatio: OverallRatio | null;
  benchmarks: BenchmarkView[];
  text: TextView | null;
  reproducibility: ReproducibilityView;
  /** a PyTorch submission's template, runtime and parameter mapping per model; null otherwise */
  pytorch: PyTorchGrading | null;
  environment: Environment;
  /** the result as the audience may see it (hidden checks redacted for students): the JSON's canonical payload */
  result: SubmissionResult;
  /** report files, relative to the run dir */
  files: { html: string; markdown: string; junit: string; json: string };
}

export interface LeaderboardRow {
  rank: number; name: string; slug: string; ratio: number; lo: number; hi: number; interval: boolean; text: string; comparisons: number;
  /** the submission's performance-profile area, formatted (`0.92`); `—` when the class has no profile */
  profileArea: string;
}

/** One submission's line of the class performance profile (AlgoPerf) against the reference. */
export interface ProfileRow {
  name: string;
  slug: string;
  /** ∫₁^{r_max} ρ(τ) dτ / (r_max − 1), in [0, 1]: 1 = never slower than the reference */
  area: number;
  areaText: string;
  /** ρ at each τ of the profile's `taus` */
  rho: number[];
  /** configurations solved within τ × the reference's steps, at τ = 1, 2 and r_max: `1 of 2` */
  within: Array<{ tau: number; text: string }>;
  /** steps to target ÷ the reference's per configuration: `0.75×`, `not reached` */
  ratios: Array<{ configuration: string; text: string }>;
}

/** The class's performance profile: one ρ(τ) line per ranked submission and the reference's, or why there is none. */
export interface PerformanceProfileView {
  rMax: number;
  /** the grid of τ from 1 to r_max the lines are drawn on; empty when there is nothing to draw */
  taus: number[];
  /** `model/dataset/T=…` of every configuration any ranked submission was compared on */
  configurations: string[];
  /** the reference's line: ρ at each τ (r = 1 wherever it reached the target) and its area; null when nothing is drawn */
  reference: { rho: number[]; area: number; areaText: string } | null;
  /** best area first; kept (with areas of 0) when nothing converged */
  submissions: ProfileRow[];
  /** why no chart is drawn (no reference, no comparison, nothing converged); null when it is */
  missing: string | null;
  /** what a reader must know to read the chart (the reference missed a configuration, old comparisons) */
  caveats: string[];
}

/** A submission left out of the leaderboard because its runs are not valid, and why. */
export interface UnrankedRow { name: string; slug: string; reason: string }

export interface ReportViewModel {
  audience: Audience;
  generatedAt: string;
  environment: Environment;
  /** the submission whose runs are the reference band, when present */
  reference: string | null;
  submissions: SubmissionView[];
  leaderboard: LeaderboardRow[];
  /** the leaderboard's submissions as a performance profile against the reference (issue 15) */
  performanceProfile: PerformanceProfileView;
  /** submissions with a convergence ratio whose runs are not valid (load failure, crashed or hung runs) */
  unranked: UnrankedRow[];
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
