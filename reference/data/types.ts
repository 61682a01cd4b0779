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

/** One evaluation point of a training curve (seconds: training time so far, evaluations excluded). */
export interface CurvePoint { step: number; seconds: number; loss: number; accuracy: number }

/** The Part 1 datasets, by the name profiles use. */
export type DatasetName = 'digit-palindrome' | 'binary-palindrome' | 'random-combinations' | 'baum-sweet';
