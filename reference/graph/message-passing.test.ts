import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { gatherRows, segmentMax, segmentSum } from '.';

beforeAll(async () => { await selectBackend(); });

describe('edge-list primitives', () => {
  it('segmentSum adds rows per segment, and its gradient is a gather (on the default backend)', () => {
    const values = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    const segment = tf.tensor1d([2, 0, 2, 2], 'int32');
    expect(segmentSum(values, segment, 3).arraySync()).toEqual([[3, 4], [0, 0], [13, 16]]);
    const dy = tf.tensor2d([[1, 10], [2, 20], [3, 30]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(segmentSum(v as tf.Tensor2D, segment, 3), dy)))(values);
    expect(g.arraySync()).toEqual([[3, 30], [1, 10], [3, 30], [3, 30]]);
  });
  it('gatherRows picks rows, and its gradient adds repeated picks', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const index = tf.tensor1d([1, 1, 0], 'int32');
    expect(gatherRows(x, index).arraySync()).toEqual([[3, 4], [3, 4], [1, 2]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(gatherRows(v as tf.Tensor2D, index)))(x);
    expect(g.arraySync()).toEqual([[1, 1], [2, 2], [0, 0]]);
  });
  it('segmentMax takes each segment’s maximum, −∞ when empty', () => {
    expect(Array.from(segmentMax([1, -5, 3, 2], [0, 0, 2, 2], 4))).toEqual([1, -Infinity, 3, -Infinity]);
  });
});
