/**
 * The course's results, reproduced (issue 15, item 4): what a reproduction stores, what a
 * claim is and what its verdict says. Plain JSON throughout; `reproductions/data/<name>.json`
 * is one {@link ReproductionData}, and the README, the HTML page and the figures render from it.
 */
import type { CurvePoint } from '../../reference/data/types';
import type { TextSamples } from '../../reference/text/samples';

/** `course`: the course's own settings; `scaled`: sized for a 2-core machine (what is committed); `quick`: a tiny run for the tests. */
export type Scale = 'course' | 'scaled' | 'quick';
export const SCALES: readonly Scale[] = ['course', 'scaled', 'quick'];

/** Which code trained: netgrade's tfjs reference, or the project's PyTorch example (submissions/pytorch-2020). */
export type Implementation = 'tfjs' | 'pytorch';

/** One seeded training run, as the claims read it. */
export interface RunRecord {
  implementation: Implementation;
  model: string;
  dataset: string;
  /** the dataset's length parameter (digit palindromes: the course's T = L − 1; binary palindromes: L, with 4L + 1 steps) */
  length: number;
  /** time steps of the input */
  T: number;
  seed: number;
  /** converged: 0.99 at two consecutive evaluations; censored: the budget ran out first; trained: text generation, which has no target */
  status: 'converged' | 'censored' | 'diverged' | 'errored' | 'timed-out' | 'trained';
  budgetSteps: number;
  stepsToTarget?: number;
  msPerStep: number;
  curve: CurvePoint[];
  message?: string;
}

/** One setting the scaled run changed from the course's, and why. */
export interface ScaledSetting { key: string; course: string; used: string; why: string }

/** What one reproduction ran and measured (`reproductions/data/<name>.json`). */
export interface ReproductionData {
  name: string;
  title: string;
  implementation: Implementation;
  scale: Scale;
  /** the settings it trained with, as text per key (e.g. `hidden: 128`) */
  settings: Record<string, string>;
  /** where they differ from the course's */
  scaled: ScaledSetting[];
  startedAt: string;
  wallSeconds: number;
  /** runs taken from the store of an earlier invocation (their time is not in wallSeconds) */
  resumedRuns: number;
  /** the wall time of the earlier invocation(s) whose runs were taken, at the same scale */
  earlierSeconds?: number;
  machine: { cores: number; cpu: string; loadAverage: number; backend: string; torch?: string };
  /** set when it could not run at all (e.g. no PyTorch runtime) */
  notRun?: string;
  runs: RunRecord[];
  /** text generation: greedy samples at 1/3, 2/3, 3/3 and temperature samples */
  samples?: TextSamples;
}

/** A claim's verdict on one implementation's runs. */
export type Verdict =
  | { status: 'agrees'; measured: string }
  | { status: 'disagrees'; measured: string; reason: string }
  | { status: 'not-run'; reason: string };

/** What the course's students reported, and the criterion netgrade's runs are held to. */
export interface Claim {
  /** stable id, e.g. `2020-DE/peepLSTM-L20-by-500` */
  id: string;
  /** the reproduction whose runs it reads (`2020-DE`; its PyTorch twin is judged too when `pytorch` is set) */
  reproduction: string;
  /** judged on the PyTorch example's runs as well */
  pytorch: boolean;
  reported: string;
  criterion: string;
  /** per implementation, what differs from the students' setting that likely explains a disagreement (shown only beside one) */
  knownDifference?: Partial<Record<Implementation, string>>;
  judge(runs: readonly RunRecord[]): Verdict;
}

/** One row of the agree/disagree table. */
export interface ClaimRow {
  id: string;
  reported: string;
  criterion: string;
  tfjs: Verdict;
  /** null: the claim is not judged on PyTorch */
  pytorch: Verdict | null;
}
