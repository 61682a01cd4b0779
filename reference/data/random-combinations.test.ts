import { makeBatch, row } from './index';

describe('random combinations (2020 B/C)', () => {
  it.each([2, 5, 10, 15])('L = %i: the inputs and the label are a permutation of 0 … L−1', (L) => {
    const batch = makeBatch('random-combinations', L, 300, 9);
    expect([batch.T, batch.vocabSize, batch.numClasses]).toEqual([L - 1, L, L]);
    for (let b = 0; b < batch.batchSize; b++) {
      const { tokens, label } = row(batch, b);
      expect([...tokens, label].sort((x, y) => x - y)).toEqual([...Array(L).keys()]);
    }
  });

  it('leaves out every number about equally often', () => {
    const L = 5;
    const batch = makeBatch('random-combinations', L, 20_000, 2);
    const counts = new Array(L).fill(0);
    batch.targets.forEach((t) => counts[t]++);
    for (const c of counts) expect(Math.abs(c / 20_000 - 1 / L)).toBeLessThan(0.015);
  });
});
