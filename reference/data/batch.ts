/**
 * Batches of the Part 1 datasets and the input encodings the course used. Plain
 * JavaScript arrays, no tfjs: the same seed gives the same batch in every process and on
 * every backend.
 */
import { baumSweet } from './baum-sweet';
import { binaryPalindrome } from './binary-palindrome';
import { digitPalindrome } from './digit-palindrome';
import { randomCombinations } from './random-combinations';
import { makeRng } from './rng';
import type { DatasetInfo, DatasetName, SequenceDataset } from './types';

export const DATASETS: Record<DatasetName, SequenceDataset> = {
  'digit-palindrome': digitPalindrome,
  'binary-palindrome': binaryPalindrome,
  'random-combinations': randomCombinations,
  'baum-sweet': baumSweet,
};

export interface Batch {
  /** input tokens, [batchSize * T] row-major (row b is sequence b) */
  tokens: Int32Array;
  /** labels, [batchSize] */
  targets: Int32Array;
  batchSize: number;
  T: number;
  vocabSize: number;
  numClasses: number;
}

function dataset(name: string): SequenceDataset {
  const found = (DATASETS as Record<string, SequenceDataset>)[name];
  if (!found) throw new Error(`makeBatch requires a dataset among ${Object.keys(DATASETS).join(', ')}, got "${name}".`);
  return found;
}

function checkLength(d: SequenceDataset, length: number): void {
  if (!Number.isInteger(length) || length < d.minLength) {
    throw new Error(`${d.name} requires an integer length L ≥ ${d.minLength}, got ${length}.`);
  }
}

/** T, vocabulary and class count of `dataset` at length parameter L. */
export function datasetInfo(name: DatasetName, length: number): DatasetInfo {
  const d = dataset(name);
  checkLength(d, length);
  return d.info(length);
}

/**
 * `batchSize` sequences of `dataset` at length parameter L, drawn from the stream named by
 * (dataset, L, seed): the same arguments always give the same batch.
 */
export function makeBatch(name: DatasetName, length: number, batchSize: number, seed: number): Batch {
  const d = dataset(name);
  checkLength(d, length);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`makeBatch requires a positive integer batchSize, got ${batchSize}.`);
  if (!Number.isSafeInteger(seed)) throw new Error(`makeBatch requires an integer seed, got ${seed}.`);
  const { T, vocabSize, numClasses } = d.info(length);
  const rng = makeRng(`netgrade/${d.name}/L=${length}/seed=${seed}`);
  const tokens = new Int32Array(batchSize * T);
  const targets = new Int32Array(batchSize);
  for (let b = 0; b < batchSize; b++) {
    const { tokens: row, label } = d.sample(rng, length);
    tokens.set(row, b * T);
    targets[b] = label;
  }
  return { tokens, targets, batchSize, T, vocabSize, numClasses };
}

/** One-hot inputs, [batchSize * T * vocabSize] row-major (2018/2019 "one-hot suits training better"). */
export function toOneHot(batch: Batch): Float32Array {
  const out = new Float32Array(batch.tokens.length * batch.vocabSize);
  batch.tokens.forEach((token, i) => { out[i * batch.vocabSize + token] = 1; });
  return out;
}

/** Embedding ids, [batchSize * T] (2020 "use nn.Embedding"): the tokens themselves. */
export function toEmbeddingIds(batch: Batch): Int32Array {
  return batch.tokens.slice();
}

/**
 * Raw scalar inputs, [batchSize * T] (the templates' float tensors): the digit for digit
 * palindromes and random combinations, the encoded value 0/1/2 for the binary datasets.
 */
export function toScalar(batch: Batch): Float32Array {
  return Float32Array.from(batch.tokens);
}

/** Row b of a batch as plain numbers (for printing and tests). */
export function row(batch: Batch, b: number): { tokens: number[]; label: number } {
  return { tokens: Array.from(batch.tokens.subarray(b * batch.T, (b + 1) * batch.T)), label: batch.targets[b] };
}
