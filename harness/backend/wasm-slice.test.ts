import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './index';
import { onCpu } from './on-cpu';


describe('wasm Slice/Unpack/SplitV fix', () => {
  const values = Array.from({ length: 4 * 5 * 6 }, (_, k) => Math.sin(k) * 10);
  const cases = (x: tf.Tensor3D) => [
    ...tf.unstack(x, 0), ...tf.unstack(x, 1), ...tf.unstack(x, 2),
    ...tf.split(x, [1, 3], 0), ...tf.split(x, 5, 1), ...tf.split(x, [2, 1, 3], 2),
    tf.slice(x, [1, 2, 3], [2, 3, 2]), tf.slice(x, [2, 0, 0], [1, 5, 6]), tf.slice(x, [0, 1, 0], [4, 0, 6]),
    tf.slice(tf.cast(x, 'int32'), [0, 1, 1], [4, 2, 5]),
  ].map((t) => ({ shape: t.shape, dtype: t.dtype, data: Array.from(t.dataSync()) }));

  it('gives the cpu backend\'s results for contiguous, strided, empty and int32 slices', async () => {
    const info = await selectBackend('wasm');
    expect(info.wasmSlicePatch).toBe(true);
    const expected = await onCpu(() => tf.tidy(() => cases(tf.tensor3d(values, [4, 5, 6]))));
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.tidy(() => cases(tf.tensor3d(values, [4, 5, 6])))).toEqual(expected);
  });

  it('keeps gradients and releases nothing it should keep', async () => {
    await selectBackend('wasm');
    const x = tf.tensor2d(values.slice(0, 12), [3, 4]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.slice(v, [1, 1], [2, 2]), tf.unstack(v)[0].slice([0], [2]))))(x);
    // d/dv Σ_{i,j} v[1+i, 1+j]·v[0, j]  (j = 0, 1): rows 1–2 cols 1–2 get v[0, j]; row 0 cols 0–1 get Σ_i v[1+i, 1+j]
    const v = (r: number, c: number) => values[r * 4 + c];
    const expected = [
      [v(1, 1) + v(2, 1), v(1, 2) + v(2, 2), 0, 0],
      [0, v(0, 0), v(0, 1), 0],
      [0, v(0, 0), v(0, 1), 0],
    ];
    const got = g.arraySync() as number[][];
    got.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(expected[r][c], 4)));
    const before = tf.memory().numTensors;
    tf.tidy(() => { tf.split(x, 3, 0); tf.unstack(x, 1); });
    expect(tf.memory().numTensors).toBe(before);
  });
});
