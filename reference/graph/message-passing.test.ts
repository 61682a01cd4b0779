import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { gatherRows, segmentIndex, segmentMax, segmentSum } from '.';

beforeAll(async () => { await selectBackend(); });

describe('edge-list primitives', () => {
  it('segmentSum adds rows per segment, and its gradient is a gather (on the default backend)', () => {
    const values = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const segment = segmentIndex(Int32Array.from([2, 0, 2, 2]), 4);
    expect(segmentSum(values, segment).arraySync()).toEqual([[3, 4], [0, 0], [13, 16], [0, 0]]);
    const dy = tf.tensor2d([[1, 10], [2, 20], [3, 30], [4, 40]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(segmentSum(v as tf.Tensor2D, segment), dy)))(values);
    expect(g.arraySync()).toEqual([[3, 30], [1, 10], [3, 30], [3, 30]]);
  });
  it('gatherRows picks rows, and its gradient adds repeated picks', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const index = segmentIndex(Int32Array.from([1, 1, 0]), 3);
    expect(gatherRows(x, index).arraySync()).toEqual([[3, 4], [3, 4], [1, 2]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(gatherRows(v as tf.Tensor2D, index)))(x);
    expect(g.arraySync()).toEqual([[1, 1], [2, 2], [0, 0]]);
  });
  it('segmentIndex orders messages by node, stably', () => {
    const s = segmentIndex(Int32Array.from([2, 0, 2, 1, 0]), 3);
    expect(Array.from(s.order)).toEqual([1, 4, 3, 0, 2]);
    expect(Array.from(s.sorted)).toEqual([0, 0, 1, 2, 2]);
  });
  it('segmentMax takes each segment’s maximum, −∞ when empty', () => {
    expect(Array.from(segmentMax([1, -5, 3, 2], [0, 0, 2, 2], 4))).toEqual([1, -Infinity, 3, -Infinity]);
  });
});
