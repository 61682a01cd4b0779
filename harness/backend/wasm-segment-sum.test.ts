import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './index';
import { onCpu } from './on-cpu';


describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(async () => { await selectBackend('wasm'); });

  it('sums rows by segment like the cpu kernel, dropping ids out of range', async () => {
    const x = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]];
    const ids = [2, 0, 2, -1, 5];                                  // -1 and 5 (≥ numSegments) dropped
    const got = tf.unsortedSegmentSum(tf.tensor2d(x), tf.tensor1d(ids, 'int32'), 4).arraySync();
    // by hand: segment 0 = row 1; segment 2 = rows 0 and 2; segments 1 and 3 empty
    expect(got).toEqual([[3, 4], [0, 0], [6, 8], [0, 0]]);
    const cpu = await onCpu(() => tf.unsortedSegmentSum(tf.tensor2d(x), tf.tensor1d(ids, 'int32'), 4).arraySync());
    expect(got).toEqual(cpu);
  });

  it('gives tf.gather a gradient on wasm (an embedding lookup trains), equal to the cpu backend', async () => {
    const table = [[0.5, -1, 2], [1.5, 0.25, -0.75], [3, 1, 0], [-2, 0.5, 1]];
    const idx = [[0, 2, 2], [3, 0, 1]];
    const weights = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1], [2, 2, 2], [3, 3, 3]];
    const grad = () => {
      const g = tf.grad((t: tf.Tensor) => {
        const rows = tf.gather(t, tf.tensor2d(idx, [2, 3], 'int32'));              // [2, 3, 3]
        return tf.sum(tf.mul(rows.reshape([6, 3]), tf.tensor2d(weights)));
      });
      return g(tf.tensor2d(table)).arraySync();
    };
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => grad());
    expect(tf.memory().numTensors).toBe(before);
    // by hand: row r of the gradient sums the weight rows at the positions that looked up r
    // (flattened lookups 0,2,2,3,0,1): row 0 = w0 + w4, row 1 = w5, row 2 = w1 + w2, row 3 = w3
    expect(got).toEqual([[3, 4, 5], [3, 3, 3], [11, 13, 15], [1, 1, 1]]);
    expect(got).toEqual(await onCpu(grad));
  });

  it('survives wasm memory growth between reading the inputs and writing the output', () => {
    const n = 200_000;
    const x = tf.ones([n, 16]);
    const ids = tf.tensor1d(Int32Array.from({ length: n }, (_, k) => k % 7), 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 7).dataSync();
    expect(out[0]).toBe(Math.ceil(n / 7));
    expect(out[16 * 6]).toBe(Math.floor(n / 7));
  });

  it('is registered once by backend selection', async () => {
    const kernel = tf.getKernel('UnsortedSegmentSum', 'wasm');
    expect(kernel).toBeDefined();
    await selectBackend('wasm');
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBe(kernel);
  });
});
