/**
 * Baum–Sweet sequences (2020 group A, `BaumSweetSequenceDataset(L)`): draw an integer n
 * uniformly from [10, 10^L] (both ends included, Python's `random.randint`), write it in
 * binary without leading zeros; the label is 1 when no block of zeros has odd length.
 * Rejection: a label-1 draw is always kept, a label-0 draw is kept with probability
 * 0.016724, otherwise n is drawn again. The bits are left-padded to 4L positions and
 * encoded pad → 0, bit 0 → 1, bit 1 → 2.
 *
 * n is a BigInt: 10^L passes 2^53 from L = 16 on, where a float draw would skip integers.
 */
import type { SequenceDataset } from './types';

/** The course's acceptance probability of a label-0 draw. */
export const BAUM_SWEET_KEEP_ZERO = 0.016724;

/** 1 iff the binary string has no block of consecutive zeros of odd length. */
export function baumSweetLabel(binary: string): 0 | 1 {
  return binary.split('1').every((zeros) => zeros.length % 2 === 0) ? 1 : 0;
}

export const baumSweet: SequenceDataset = {
  name: 'baum-sweet',
  minLength: 1,
  info: (L) => ({ T: 4 * L, vocabSize: 3, numClasses: 2 }),
  sample(rng, L) {
    const hi = 10n ** BigInt(L);
    for (;;) {
      const binary = rng.bigRandint(10n, hi).toString(2);
      const label = baumSweetLabel(binary);
      if (label === 1 || rng.random() < BAUM_SWEET_KEEP_ZERO) {
        const tokens = [...Array<number>(4 * L - binary.length).fill(0), ...[...binary].map((b) => Number(b) + 1)];  // [4L]
        return { tokens, label };
      }
    }
  },
};
