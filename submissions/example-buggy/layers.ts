/** Small helpers of the buggy example (these ones are right). */
import * as tf from '@tensorflow/tfjs';
import type { Params, RecurrentSpec } from '../../harness/contract';

/** Kaiming normal: N(0, 2 / fan_in), seeded. */
export function kaiming(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), Math.sqrt(2 / shape[shape.length - 1])));
}

/** W·x for a batch of rows: x [B, in], W [out, in] → [B, out]. */
export function linear(x: tf.Tensor, W: tf.Tensor): tf.Tensor {
  return tf.matMul(x as tf.Tensor2D, W as tf.Tensor2D, false, true);
}

/** x(t) for t = 1 … T, each [B, D]. */
export function inputs(p: Params, tokens: tf.Tensor2D, spec: RecurrentSpec): tf.Tensor[] {
  return tf.unstack(tokens, 1).map((tok) => {
    if (spec.input.kind === 'scalar') return tf.reshape(tf.cast(tok, 'float32'), [-1, 1]);
    const oneHot = tf.cast(tf.oneHot(tok as tf.Tensor1D, spec.vocabSize), 'float32');   // [B, V]
    return spec.input.kind === 'one-hot' ? oneHot : tf.matMul(oneHot, p.embedding as tf.Tensor2D);
  });
}

/** p = W_ph h + b_p, [B, K]. */
export function readout(p: Params, h: tf.Tensor): tf.Tensor2D {
  return tf.add(linear(h, p.W_ph), p.b_p) as tf.Tensor2D;
}
