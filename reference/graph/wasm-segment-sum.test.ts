import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../harness/backend';
import { registerWasmUnsortedSegmentSum } from './wasm-segment-sum';

beforeAll(async () => { await selectBackend('wasm'); });

describe('UnsortedSegmentSum on wasm', () => {
  it('registers once: a second call keeps the kernel', () => {
    expect(registerWasmUnsortedSegmentSum()).toBe(true);
    const kernel = tf.getKernel('UnsortedSegmentSum', 'wasm');
    expect(kernel).toBeDefined();
    expect(registerWasmUnsortedSegmentSum()).toBe(true);
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBe(kernel);
  });
  it('sums rows per segment, dropping ids out of range (TensorFlow semantics)', () => {
    registerWasmUnsortedSegmentSum();
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
    expect(tf.unsortedSegmentSum(x, tf.tensor1d([2, 0, 2, 5], 'int32'), 3).arraySync()).toEqual([[3, 4], [0, 0], [6, 8]]);
    expect(tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([1, 1, 0], 'int32'), 2).arraySync()).toEqual([3, 3]);
  });
  it('makes backprop through tf.gather work on wasm', () => {
    registerWasmUnsortedSegmentSum();
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, tf.tensor1d([1, 1, 0], 'int32'))))(x);
    expect(g.arraySync()).toEqual([[1, 1], [2, 2], [0, 0]]);
  });
  it('survives wasm memory growth between reading inputs and writing the output', () => {
    registerWasmUnsortedSegmentSum();
    const n = 200_000;
    const x = tf.ones([n, 16]);
    const ids = tf.tensor1d(Int32Array.from({ length: n }, (_, k) => k % 7), 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 7).dataSync();
    expect(out[0]).toBe(Math.ceil(n / 7));
    expect(out[16 * 6]).toBe(Math.floor(n / 7));
  });
});
