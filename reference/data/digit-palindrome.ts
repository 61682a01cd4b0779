/**
 * Digit palindromes (2018/2019 `PalindromeDataset(L)`): draw ⌈L/2⌉ digits 0–9, mirror them
 * (for odd L the middle digit is not repeated) into a palindrome of length L. The inputs
 * are its first L−1 digits, the label is the last digit, which equals the first one.
 */
import type { SequenceDataset } from './types';

export const digitPalindrome: SequenceDataset = {
  name: 'digit-palindrome',
  minLength: 2,
  info: (L) => ({ T: L - 1, vocabSize: 10, numClasses: 10 }),
  sample(rng, L) {
    const left = Array.from({ length: Math.ceil(L / 2) }, () => rng.randint(0, 10));
    // odd L: the middle digit appears once, so the mirror starts one digit earlier
    const right = (L % 2 === 1 ? left.slice(0, -1) : left.slice()).reverse();
    const palindrome = [...left, ...right];        // [L]
    return { tokens: palindrome.slice(0, -1), label: palindrome[L - 1] };
  },
};
