import * as tf from '@tensorflow/tfjs';
import { describeBackend, parseBackendName, selectBackend } from './index';

describe('backend selection', () => {
  it('picks wasm when no native backend is installed, and says why the native ones were skipped', async () => {
    const info = await selectBackend();
    const nativeInstalled = (() => { try { require.resolve('@tensorflow/tfjs-node'); return true; } catch { return false; } })();
    if (nativeInstalled) return expect(info.name).toMatch(/node/);
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped.map((s) => s.backend)).toEqual(['node-gpu', 'node']);
    expect(info.skipped[0].reason).toMatch(/tfjs-node-gpu is not installed/);
    expect(describeBackend(info)).toMatch(/^backend: wasm .*skipped: node-gpu/);
  });

  it('forces the pure-JS cpu fallback by name', async () => {
    const info = await selectBackend('cpu');
    expect(info.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info.reason).toMatch(/forced/);
    await selectBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('refuses an unknown name, and a forced backend that is not installed, with the reason', async () => {
    expect(() => parseBackendName('gpu')).toThrow('requires one of node-gpu, node, wasm, cpu, got "gpu"');
    await expect(selectBackend('node-gpu')).rejects.toThrow(/"node-gpu" was requested but cannot run: .*not installed/);
  });

  it('makes a transposed matMul on wasm equal the explicit transpose, gradients included', async () => {
    await selectBackend('wasm');
    expect(describeBackend(await selectBackend('wasm'))).toBeTruthy();
    const a = tf.randomNormal([7, 5], 0, 1, 'float32', 1);
    const b = tf.randomNormal([9, 5], 0, 1, 'float32', 2);
    const viaFlag = tf.matMul(a, b, false, true);
    const explicit = tf.matMul(a, tf.transpose(b));
    expect(tf.max(tf.abs(tf.sub(viaFlag, explicit))).dataSync()[0]).toBe(0);
    const a3 = tf.randomNormal([3, 4, 6], 0, 1, 'float32', 3);
    const b3 = tf.randomNormal([3, 4, 5], 0, 1, 'float32', 4);
    const flag3 = tf.matMul(a3, b3, true, false);
    expect(flag3.shape).toEqual([3, 6, 5]);
    expect(tf.max(tf.abs(tf.sub(flag3, tf.matMul(tf.transpose(a3, [0, 2, 1]), b3)))).dataSync()[0]).toBe(0);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.matMul(x, b, false, true)))(a);
    // d/dA sum(A·Bᵀ) = 1·B: every row is the column sums of B
    const expected = tf.matMul(tf.ones([7, 9]), b);
    expect(tf.max(tf.abs(tf.sub(g, expected))).dataSync()[0]).toBeLessThan(1e-5);
    // the explicit transposes made inside the kernel are released, not leaked in the backend
    const dataIds = () => tf.engine().backend.numDataIds();
    const before = dataIds();
    tf.tidy(() => { tf.matMul(a, b, false, true).dataSync(); });
    expect(dataIds()).toBe(before);
  });
});
