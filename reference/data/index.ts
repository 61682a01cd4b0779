/** Seeded dataset generators. */

// Part 1 batches and input encodings
export { makeBatch, datasetInfo, toOneHot, toEmbeddingIds, toScalar, row, DATASETS } from './batch';
export type { Batch } from './batch';
export type { CurvePoint, DatasetInfo, DatasetName, Sample, SequenceDataset } from './types';

// the four Part 1 datasets
export { digitPalindrome } from './digit-palindrome';
export { binaryPalindrome, binaryPalindrome4L2, BINARY_TOKEN } from './binary-palindrome';
export { randomCombinations } from './random-combinations';
export { baumSweet, baumSweetLabel, BAUM_SWEET_KEEP_ZERO } from './baum-sweet';

// the seeded random source
export { makeRng } from './rng';
export type { Rng } from './rng';
