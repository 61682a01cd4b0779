/** What every Part 1 dataset file provides. */
import type { Rng } from './rng';

/** One sequence: its input tokens (length T) and its label. */
export interface Sample { tokens: number[]; label: number }

/** The sizes a model needs for a dataset at length parameter L. */
export interface DatasetInfo {
  /** time steps of the input */
  T: number;
  /** distinct input tokens */
  vocabSize: number;
  /** K, the number of classes */
  numClasses: number;
}

export interface SequenceDataset {
  /** the profile's name of the dataset */
  name: string;
  /** the smallest length parameter L that makes a sequence */
  minLength: number;
  info(length: number): DatasetInfo;
  /** one sequence at length parameter L, drawn from `rng` */
  sample(rng: Rng, length: number): Sample;
}
