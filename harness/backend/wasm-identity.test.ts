import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './index';

type Counted = { numDataIds(): number };

describe('wasm Identity fix', () => {
  const values = Array.from({ length: 12 }, (_, k) => Math.sin(k) * 10);

  it('shares the buffer, and the clone outlives its source', async () => {
    const info = await selectBackend('wasm');
    expect(info.wasmIdentityPatch).toBe(true);
    const backend = tf.backend() as unknown as Counted;
    const x = tf.tensor2d(values, [3, 4]);
    const buffers = backend.numDataIds();
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(buffers);                  // no new buffer
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual(Array.from(Float32Array.from(values)));
    y.dispose();
    expect(backend.numDataIds()).toBe(buffers - 1);               // freed with the last holder
  });

  it('keeps gradients of ops that save their inputs, and leaves nothing behind', async () => {
    await selectBackend('wasm');
    const backend = tf.backend() as unknown as Counted;
    const x = tf.tensor2d(values, [3, 4]);
    const before = { tensors: tf.memory().numTensors, buffers: backend.numDataIds() };
    // d/dx Σ x² = 2x: Square saves x for its gradient, which the engine clones with Identity
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.square(v)))(x);
    expect(Array.from(g.dataSync())).toEqual(values.map((v) => 2 * Math.fround(v)));
    g.dispose();
    expect({ tensors: tf.memory().numTensors, buffers: backend.numDataIds() }).toEqual(before);
    x.dispose();
  });
});
