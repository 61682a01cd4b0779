/**
 * Binary palindromes (2020 groups D/E, `BinaryPalindromeDataset(L)`):
 * 1. draw ⌈L/2⌉ integers 0–8, write each in binary (0 → "0"), concatenate the bits: `left`;
 * 2. with probability 0.5 reverse `left` (otherwise the label would almost always be 1);
 * 3. palindrome = left ‖ reverse(left), left-padded with −1 to 4L+2 values;
 * 4. inputs = the first 4L+1 values + 1 (pad → 0, bit 0 → 1, bit 1 → 2); label = the last bit.
 *
 * Overflow: for odd L, when every draw is 8 (probability (1/9)^⌈L/2⌉) the palindrome has
 * 4L+4 bits and the course's code applies no padding, giving a longer row its DataLoader
 * cannot batch. Here that row keeps its **last** 4L+2 values, so every row has T = 4L+1
 * and the label is still the palindrome's last bit.
 */
import type { SequenceDataset } from './types';

/** The course's encoding of a padded palindrome value (−1, 0, 1) as a token (0, 1, 2). */
export const BINARY_TOKEN = { pad: 0, bit0: 1, bit1: 2 } as const;

/** The padded palindrome of values −1 (pad), 0, 1 — exactly 4L+2 long (see the overflow note). */
export function binaryPalindrome4L2(draws: number[], reversed: boolean, L: number): number[] {
  const bits = draws.flatMap((x) => [...x.toString(2)].map(Number));
  const left = reversed ? bits.reverse() : bits;
  const palindrome = [...left, ...left.slice().reverse()];
  const size = 4 * L + 2;
  if (palindrome.length >= size) return palindrome.slice(palindrome.length - size);
  return [...Array<number>(size - palindrome.length).fill(-1), ...palindrome];
}

export const binaryPalindrome: SequenceDataset = {
  name: 'binary-palindrome',
  minLength: 1,
  info: (L) => ({ T: 4 * L + 1, vocabSize: 3, numClasses: 2 }),
  sample(rng, L) {
    const draws = Array.from({ length: Math.ceil(L / 2) }, () => rng.randint(0, 9));
    const reversed = rng.random() < 0.5;
    const padded = binaryPalindrome4L2(draws, reversed, L);      // [4L+2]
    return { tokens: padded.slice(0, -1).map((v) => v + 1), label: padded[padded.length - 1] };
  },
};
