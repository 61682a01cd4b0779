import { logSoftmax, mat, softmax, softmaxCrossEntropy } from './index';

const m = (rows: number[][]) => mat([rows.length, rows[0].length], Float64Array.from(rows.flat()));

describe('softmax cross-entropy helpers', () => {
  it('log-softmax of log-probabilities returns them', () => {
    const out = logSoftmax(m([[Math.log(0.2), Math.log(0.3), Math.log(0.5)]]));
    [0.2, 0.3, 0.5].forEach((q, k) => expect(out.data[k]).toBeCloseTo(Math.log(q), 15));
  });

  it('is shift-invariant and stable for large logits', () => {
    const out = softmax(m([[1000, 1000 + Math.log(3)], [-1000, -1000]]));
    expect(Array.from(out.data)).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.75, 12), 0.5, 0.5]);  // 1000 + log 3 itself is rounded to ~1e-13
    expect(Array.from(logSoftmax(m([[-1000, -1000]])).data)).toEqual([-Math.LN2, -Math.LN2].map((v) => expect.closeTo(v, 12)));
  });

  it('cross-entropy is the mean −log ŷ_y, with gradient (ŷ − onehot(y)) / B', () => {
    const { loss, dLogits } = softmaxCrossEntropy(m([[0, 0, 0, 0], [Math.log(3), 0, 0, 0]]), [1, 0]);
    expect(loss).toBeCloseTo((Math.log(4) - Math.log(0.5)) / 2, 14);  // −log ¼ and −log(3/6)
    expect(Array.from(dLogits.data)).toEqual([0.125, -0.375, 0.125, 0.125, -0.25, 1 / 12, 1 / 12, 1 / 12].map((v) => expect.closeTo(v, 15)));
  });

  it('names the bad target', () => {
    expect(() => softmaxCrossEntropy(m([[0, 0]]), [2])).toThrow('softmaxCrossEntropy requires targets[0] to be a class index in 0…1, got 2');
    expect(() => softmaxCrossEntropy(m([[0, 0]]), [0, 1])).toThrow('requires one target per sequence (1), got 2');
  });
});
