/**
 * Random combinations (2020 groups B/C, `RandomCombinationsDataset(L)`): a permutation of
 * 0 … L−1; the inputs are its first L−1 numbers and the label is the missing one.
 */
import type { SequenceDataset } from './types';

export const randomCombinations: SequenceDataset = {
  name: 'random-combinations',
  minLength: 2,
  info: (L) => ({ T: L - 1, vocabSize: L, numClasses: L }),
  sample(rng, L) {
    const permutation = rng.permutation(L);       // [L]
    return { tokens: permutation.slice(0, -1), label: permutation[L - 1] };
  },
};
