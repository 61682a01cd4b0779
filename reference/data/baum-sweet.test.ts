import { makeBatch, row } from './index';

/** The Baum–Sweet rule written independently: every maximal run of zeros has even length. */
const noOddZeroBlock = (binary: string) => (binary.match(/0+/g) ?? []).every((run) => run.length % 2 === 0);

/**
 * Expected label-1 fraction, derived by enumeration rather than sampling: with p1 the share
 * of label-1 integers in [10, 10^L], a draw is kept with probability p1 + 0.016724·(1 − p1).
 */
function expectedOnes(L: number): number {
  let ones = 0;
  const hi = 10 ** L;
  for (let n = 10; n <= hi; n++) {
    // the same rule on the bits of n, from the lowest: every run of zeros before a 1 is even
    let m = n, run = 0, even = true;
    while (m > 0 && even) {
      if (m & 1) { even = run % 2 === 0; run = 0; } else run++;
      m >>>= 1;
    }
    if (even) ones++;
  }
  const p1 = ones / (hi - 9);
  return p1 / (p1 + 0.016724 * (1 - p1));
}

describe('Baum–Sweet sequences (2020 A)', () => {
  it.each([1, 4, 6, 16, 20])('L = %i: 4L tokens = left pads then the binary digits of an integer in [10, 10^L], label by the rule', (L) => {
    const batch = makeBatch('baum-sweet', L, 300, 4);
    expect([batch.T, batch.vocabSize, batch.numClasses]).toEqual([4 * L, 3, 2]);
    for (let b = 0; b < batch.batchSize; b++) {
      const { tokens, label } = row(batch, b);
      const start = tokens.findIndex((t) => t !== 0);
      expect(tokens.slice(start).every((t) => t === 1 || t === 2)).toBe(true);
      const binary = tokens.slice(start).map((t) => t - 1).join('');
      expect(binary[0]).toBe('1');                                 // no leading zeros
      const n = BigInt(`0b${binary}`);
      expect(n >= 10n && n <= 10n ** BigInt(L)).toBe(true);
      expect(label).toBe(noOddZeroBlock(binary) ? 1 : 0);
    }
  });

  it('balances labels like the course: label 1 ≈ 0.82 (L=4), 0.68 (L=5), 0.51 (L=6)', () => {
    for (const [L, spec] of [[4, 0.82], [5, 0.68], [6, 0.51]]) {
      const ones = makeBatch('baum-sweet', L, 10_000, 8).targets.reduce((s, t) => s + t, 0) / 10_000;
      const derived = expectedOnes(L);
      expect(Math.abs(derived - spec)).toBeLessThan(0.01);       // the derivation agrees with the spec's measurement
      expect(Math.abs(ones - derived)).toBeLessThan(0.015);      // and the generator with both
    }
  });

  it('reaches integers beyond 2^53 exactly at L = 20 (BigInt draws, not floats)', () => {
    const batch = makeBatch('baum-sweet', 20, 200, 1);
    const bits = Array.from({ length: 200 }, (_, b) => row(batch, b).tokens.filter((t) => t !== 0).length);
    expect(Math.max(...bits)).toBeGreaterThan(54);
    // float draws above 2^53 end in a run of zeros; exact ones end in 1 about half the time
    const lastIsOne = Array.from({ length: 200 }, (_, b) => row(batch, b).tokens[4 * 20 - 1] === 2).filter(Boolean).length;
    expect(lastIsOne).toBeGreaterThan(40);
  });
});
