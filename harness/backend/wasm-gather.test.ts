import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './index';
import { onCpu } from './on-cpu';


describe('wasm GatherV2 fix', () => {
  const values = Array.from({ length: 4 * 5 * 6 }, (_, k) => Math.cos(k) * 10);
  const cases = (x: tf.Tensor3D) => [
    tf.gather(x, [3, 0, 0, 2]), tf.gather(x, tf.tensor2d([[4, 1], [0, 4]], [2, 2], 'int32'), 1), tf.gather(x, [5, 0], 2),
    tf.gather(x, [2], -1), tf.gather(tf.cast(x, 'int32'), [1, 1, 3], 0), tf.gather(x, tf.tensor1d([], 'int32'), 1),
  ].map((t) => ({ shape: t.shape, dtype: t.dtype, data: Array.from(t.dataSync()) }));

  it('gives the cpu backend\'s results on every axis, for index matrices, int32 and no indices', async () => {
    const info = await selectBackend('wasm');
    expect(info.wasmGatherPatch).toBe(true);
    const expected = await onCpu(() => tf.tidy(() => cases(tf.tensor3d(values, [4, 5, 6]))));
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.tidy(() => cases(tf.tensor3d(values, [4, 5, 6])))).toEqual(expected);
  });

  it('rejects an index out of range with the index and the range', async () => {
    await selectBackend('wasm');
    const before = tf.memory();
    expect(() => tf.tidy(() => tf.gather(tf.tensor2d(values.slice(0, 12), [3, 4]), [0, 3]))).toThrow('GatherV2: the index value 3 is not in [0, 2]');
    expect(tf.memory()).toMatchObject({ numTensors: before.numTensors, numDataBuffers: before.numDataBuffers });
  });

  it('keeps its gradient: rows gathered twice get the sum', async () => {
    await selectBackend('wasm');
    const x = tf.tensor2d(values.slice(0, 12), [3, 4]);
    const w = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.gather(v, [2, 0, 2]), w)))(x);
    expect(g.arraySync()).toEqual([[5, 6, 7, 8], [0, 0, 0, 0], [10, 12, 14, 16]]);
  });
});
