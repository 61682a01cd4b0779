/**
 * Results: what checks and benchmark runs produce, what the store keeps and what every
 * report renders. Unions are keyed on `status`; everything here is plain JSON.
 */
import type { PyTorchGrading } from '../pytorch/types';
import type { ErrorCause } from '../worker/types';
import type { TrainOutcome } from '../worker/train';
import type { CurvePoint } from '../../reference/data/types';
import type { TextSamples } from '../../reference/text/samples';

export type { CurvePoint, TextSamples };

export type Part = 'part1' | 'part2' | 'part3';
export type CheckStatus = 'passed' | 'failed' | 'errored' | 'timed-out' | 'skipped';

/** What a check is, independent of any submission. Points come from the profile's rubric. */
export interface CheckMeta {
  /** stable id, e.g. `lstm.forward.T50` */
  id: string;
  title: string;
  part: Part;
  /** the model or part it concerns, e.g. `lstm`, `timeGate`, `gcn` */
  subject: string;
  points: number;
  timeoutMs: number;
  /** shown to students as name and score only */
  hidden: boolean;
}

/** A known convention or mistake that a wrong answer matches. */
export interface Diagnosis {
  id: string;
  /** "matches the LSTM with log-softmax over the batch axis" */
  message: string;
  /** relative error of the submission's output against this variant */
  error: number;
}

/** What a check produced besides its verdict, for the report (e.g. the training run's samples). */
export interface CheckArtifacts { text?: TextSamples }

interface Scored extends CheckMeta { score: number; ms: number; artifacts?: CheckArtifacts }

export type CheckResult =
  | (Scored & { status: 'passed'; note?: string })
  | (Scored & { status: 'failed'; expected: string; actual: string; hint: string; diagnosis?: Diagnosis })
  | (Scored & { status: 'errored'; cause: ErrorCause; message: string; hint: string })
  | (Scored & { status: 'timed-out'; limitMs: number; hint: string })
  | (Scored & { status: 'skipped'; reason: string });


/** One seeded training run: a submission's model on one dataset, length and seed, as the store keeps it. */
export interface TrainingRun extends Omit<TrainOutcome, 'status'> {
  /** content key: hash(submission name and hash, profile, model, dataset, T, seed, settings) */
  key: string;
  submission: string;
  submissionHash: string;
  profile: string;
  /** the worker's verdict, or errored / timed-out when the run did not return */
  status: TrainOutcome['status'] | 'errored' | 'timed-out';
}

/** A tinybench micro-benchmark of one model's forward or forward+backward. */
export interface MicroBenchmark {
  submission: string;
  model: string;
  task: 'forward' | 'forward+backward';
  sizes: Record<string, number>;
  meanMs: number;
  p99Ms: number;
  rme: number;
  samples: number;
  /** submission mean / reference mean */
  ratioToReference?: number;
}

/** The comparison of steps-to-target between a submission and the reference (or two submissions). */
export interface Comparison {
  model: string;
  dataset: string;
  T: number;
  /** median(a) / median(b); > 1 means slower */
  ratio: number;
  /** the ratio of medians' percentile-bootstrap 95% interval */
  ci95: [number, number];
  pWelch?: number;
  pPermutation?: number;
  /** the headline: the Hodges–Lehmann ratio, its rank interval and the Mann–Whitney p the verdict is made from (absent in results stored before it) */
  hodgesLehmann?: HodgesLehmann;
  verdict: 'faster' | 'slower' | 'no-difference' | 'inconclusive';
  sentence: string;
  /** the benchmarks' figures beside the ratio (absent in results stored before issue 15) */
  statistics?: ComparisonStatistics;
}

/**
 * How many times B's steps A needs, as the verdict reads it (harness/stats/hodges-lehmann-ratio.ts):
 * the median of all pairwise ratios a_i / b_j, censored runs counted as the budget.
 */
export interface HodgesLehmann {
  ratio: number;
  /** the distribution-free interval from the Mann–Whitney distribution */
  ci: [number, number];
  /** what `ci` covers: ≥ 0.95, or less when the runs are too few for 95% (3 vs 3: 0.9) */
  confidence: number;
  /** two-sided Mann–Whitney p of ratio = 1 */
  p: number;
  /** exact null distribution (no ties, fewer than 50 runs a side) or the tie-corrected normal approximation */
  method: 'exact' | 'normal';
}

/** One side of a comparison: its runs' steps-to-target as COCO/BBOB, AlgoPerf and rliable report them. */
export interface ConvergenceStatistics {
  runs: number;
  successes: number;
  /** successes ÷ runs */
  successRate: number;
  /** expected running time (COCO/BBOB): all steps spent, a failed run adding its whole budget, ÷ successes; null = ∞ (no success) */
  ert: number | null;
  /** median steps with censored runs = ∞ (AlgoPerf); null = ∞ (half the runs or more missed the target) */
  median: number | null;
  /** interquartile mean (rliable), censored runs counted as the budget, with its stratified-bootstrap 95% interval */
  iqm: number;
  iqmCi95: [number, number];
}

export interface ComparisonStatistics {
  /** steps a censored run was given */
  budget: number;
  a: ConvergenceStatistics;
  b: ConvergenceStatistics;
  /** P(a run of A needs fewer steps than a run of B), ties ½ — Mann–Whitney U ÷ (nₐ n_b) (rliable), bootstrap 95% interval */
  probabilityOfImprovement: { p: number; ci95: [number, number] };
  /** when the verdict is inconclusive: seeds per implementation that would resolve the measured difference at 80% power, by resampling the runs; null = more than maxSeeds */
  seedsToResolve?: { seeds: number | null; power: number; maxSeeds: number };
}

export interface PartScore { part: Part; score: number; max: number }


/** Everything known about one submission after a grading run. */
export type SubmissionResult = {
  submission: { name: string; hash: string; author?: string; warnings: string[] };
  profile: string;
  seeds: number[];
  checks: CheckResult[];
  parts: PartScore[];
  score: number;
  maxScore: number;
  runs: TrainingRun[];
  comparisons: Comparison[];
  benchmarks: MicroBenchmark[];
  text?: TextSamples;
  /** whether the same seed gave the same curve twice (before any comparison); not-reproducible withholds the comparisons */
  reproducibility?: Reproducibility;
  startedAt: string;
  endedAt: string;
  /** the machine this submission was graded on, when it differs per shard (reports fall back to the run's) */
  environment?: Environment;
  /** a PyTorch submission: template, runtime and the parameter mapping found per model (harness/pytorch/types.ts) */
  pytorch?: PyTorchGrading;
} & ({ status: 'graded' } | { status: 'load-failed'; error: { cause: ErrorCause; message: string } });

/** The same seed trained twice gave the same curve, or not (then comparisons are withheld), or it could not be told. */
export type Reproducibility =
  | { status: 'reproducible' }
  | { status: 'not-reproducible'; message: string }
  | { status: 'unknown'; message: string };

/** Facts that make a report reproducible. */
export interface Environment {
  harnessVersion: string;
  commit: string;
  backend: string;
  backendDetail: string;
  device: string;
  tfjsVersion: string;
  nodeVersion: string;
  cpu: string;
  platform: string;
  /** how submissions' processes were isolated on this machine (harness/sandbox/isolation.ts) */
  isolation?: string;
}
