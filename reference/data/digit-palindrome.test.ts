import { makeBatch, row } from './index';

describe('digit palindromes (2018/2019)', () => {
  it.each([2, 5, 6, 11])('L = %i: T = L−1 digits 0–9 whose completion by the label is a palindrome', (L) => {
    const batch = makeBatch('digit-palindrome', L, 500, 3);
    expect([batch.T, batch.vocabSize, batch.numClasses]).toEqual([L - 1, 10, 10]);
    for (let b = 0; b < batch.batchSize; b++) {
      const { tokens, label } = row(batch, b);
      const full = [...tokens, label];
      expect(full).toEqual(full.slice().reverse());
      expect(label).toBe(tokens[0]);
      for (const d of full) expect(d >= 0 && d <= 9 && Number.isInteger(d)).toBe(true);
    }
  });

  it('draws every digit as a label about equally often (uniform 0–9)', () => {
    const batch = makeBatch('digit-palindrome', 5, 20_000, 1);
    const counts = new Array(10).fill(0);
    batch.targets.forEach((t) => counts[t]++);
    for (const c of counts) expect(Math.abs(c / 20_000 - 0.1)).toBeLessThan(0.012);
  });
});
