/**
 * The Part 2 loss and accuracy over every position of a sequence batch: what the harness's
 * training loop and the reference generator share (data code, no model).
 */
import * as tf from '@tensorflow/tfjs';

/** Mean cross-entropy over all B×T positions: (1/T) Σ_t L(t), averaged over the batch. */
export function sequenceLoss(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [B, T, V] = logits.shape;
    const logp = tf.logSoftmax(tf.reshape(logits, [B * T, V]), 1);                     // [B·T, V]
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.reshape(targets, [B * T]), V)), 1); // [B·T]
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** Per-character accuracy over all B×T positions (the course leaves it undefined; both 2020 students used this). */
export function sequenceAccuracy(logits: tf.Tensor3D, targets: tf.Tensor2D): number {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 2), targets), 'float32')).dataSync()[0]);
}
