/**
 * An assignment profile: which parts are graded, with which datasets, lengths, seeds,
 * hyper-parameters, conventions and points. Profiles are data: one JSON file per profile
 * in this folder, validated on load.
 */
import type { GruConvention, InputEncoding, SequenceModelName, TemperatureConvention, TimeGateParams } from '../contract';

import type { DatasetName } from '../../reference/data/types';

export type { DatasetName };

/** A seeded convergence experiment: a model on a dataset at several lengths. */
export interface Experiment {
  model: SequenceModelName;
  dataset: DatasetName;
  /** the dataset's length parameter L (digit palindromes: T = L − 1 inputs) */
  lengths: number[];
  input: InputEncoding;
  hiddenDim: number;
  batchSize: number;
  optimizer: 'adam' | 'rmsprop';
  learningRate: number;
  /** gradient-norm clipping (global norm) */
  maxNorm: number;
  steps: number;
  evalEvery: number;
  evalSize: number;
  /** accuracy reached at two consecutive evaluations */
  target: number;
}

/**
 * The text generator's checks (harness/checks/text/): the training check's corpus and
 * hyper-parameters and the temperature check's draws. A profile's `text` section may set any
 * of these keys; the others keep their defaults (checks/text/support.ts DEFAULT_TEXT_PROFILE).
 */
export interface TextProfile {
  /** chars of the generated corpus the training check uses, and its seed */
  corpusLength: number;
  corpusSeed: number;
  seqLength: number;
  embeddingDim: number;
  hiddenDim: number;
  batchSize: number;
  learningRate: number;
  maxNorm: number;
  steps: number;
  evalEvery: number;
  /** per-character accuracy the trained parameters must reach on held-out text the grader draws (training stops at target + 0.03 on its own curve) */
  target: number;
  /** draws per τ in the temperature check */
  samples: number;
  taus: number[];
}

/** A submission's default time budget over all its checks: 10 minutes. */
export const DEFAULT_SUBMISSION_BUDGET_MS = 10 * 60 * 1000;

export interface Profile {
  name: string;
  description: string;
  /** course year and group the profile follows, when it follows one */
  source?: string;
  /** the course year whose PyTorch template files this profile grades (harness/pytorch/templates.ts); default: the year its name starts with, none for others */
  pytorchTemplate?: '2018' | '2019' | '2020';
  seeds: number[];
  conventions: {
    gru: GruConvention;
    temperature: TemperatureConvention;
    /** 2020: the peephole cell input uses a sigmoid */
    peepholeCellInput: 'sigmoid' | 'tanh';
    graph: '2019' | '2020';
  };
  /** the models graded for correctness; a model not listed is not graded */
  models: string[];
  /** points per check id; a trailing `*` matches a prefix (`lstm.*`) */
  rubric: Record<string, number>;
  /** the sanity training check per model: trains to `target` within `steps` */
  sanity: Record<string, Omit<Experiment, 'model' | 'lengths'> & { length: number }>;
  experiments: Experiment[];
  /** the gate the time-gated LSTM trains with in its sanity task (the 2018 course did not train it); default τ = 2, s = 0, r_on = 1 */
  timeGate?: TimeGateParams;
  /** the text generator's checks; every key has a default (see {@link TextProfile}) */
  text?: Partial<TextProfile>;
  limits: {
    checkTimeoutMs: number;
    memoryMb: number;
    /** wall time one submission may take over all its checks (then the rest time out at once); default {@link DEFAULT_SUBMISSION_BUDGET_MS} */
    submissionBudgetMs?: number;
  };
}
