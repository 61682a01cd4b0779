import { binaryPalindrome4L2, makeBatch, row } from './index';

/** Tokens back to the course's values: pad −1, bits 0/1. */
const decode = (tokens: number[]) => tokens.map((t) => t - 1);

describe('binary palindromes (2020 D/E)', () => {
  it.each([1, 2, 3, 10, 20])('L = %i: 4L+1 tokens (pad 0, bit0 1, bit1 2); leading pads, then a binary palindrome ending in the label', (L) => {
    const batch = makeBatch('binary-palindrome', L, 400, 5);
    expect([batch.T, batch.vocabSize, batch.numClasses]).toEqual([4 * L + 1, 3, 2]);
    for (let b = 0; b < batch.batchSize; b++) {
      const { tokens, label } = row(batch, b);
      const values = [...decode(tokens), label];
      const firstBit = values.findIndex((v) => v !== -1);
      expect(values.slice(0, firstBit).every((v) => v === -1)).toBe(true);
      const bits = values.slice(firstBit);
      expect(bits.every((v) => v === 0 || v === 1)).toBe(true);
      if (L % 2 === 1 && firstBit === 0 && bits.join('') !== bits.slice().reverse().join('')) {
        // the overflow row (every draw 8): the last 4L+2 values of 1000…‖…0001 or 0001…‖…1000
        const half = Math.ceil(L / 2);
        const unreversed = '1000'.repeat(half) + '0001'.repeat(half);
        const reversed = '0001'.repeat(half) + '1000'.repeat(half);
        expect([unreversed.slice(2), reversed.slice(2)]).toContain(bits.join(''));
        continue;
      }
      expect(bits).toEqual(bits.slice().reverse());
      expect(label).toBe(bits[0]);
    }
  });

  it('has label 1 in ≈ 2/3 of rows (derivation: ½·8/9 unreversed + ½·4/9 reversed = 0.667; the spec measured 0.66–0.68)', () => {
    for (const L of [10, 20]) {
      const batch = makeBatch('binary-palindrome', L, 20_000, 11);
      const ones = batch.targets.reduce((s, t) => s + t, 0) / batch.batchSize;
      expect(Math.abs(ones - 2 / 3)).toBeLessThan(0.015);
    }
  });

  it('odd-L overflow (every draw 8): keeps the last 4L+2 values, no padding, label still the last bit', () => {
    const L = 5;
    const left = '1000'.repeat(3);                          // three draws of 8 → 12 bits = 2L+2
    const full = [...left, ...[...left].reverse()].map(Number);   // 4L+4 bits
    const kept = binaryPalindrome4L2([8, 8, 8], false, L);
    expect(kept).toHaveLength(4 * L + 2);
    expect(kept).toEqual(full.slice(2));
    expect(kept.includes(-1)).toBe(false);
    // without the overflow: 8, 7, 7 → 10 bits, a 20-bit palindrome, two pads in front
    expect(binaryPalindrome4L2([8, 7, 7], false, L)).toEqual([-1, -1, ...'10001111111111110001'].map(Number));
    // reversed left: 2, 1, 1 → "1011" → "1101"; palindrome "1101‖1011", 14 pads in front
    expect(binaryPalindrome4L2([2, 1, 1], true, L)).toEqual([...Array(14).fill(-1), ...'11011011'].map(Number));
  });
});
