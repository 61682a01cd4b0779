/**
 * The training objective of Part 1: mean softmax cross-entropy of the last step,
 *   ℓ = −(1/B) Σ_b log softmax(p_b)[y_b].
 * log_softmax is applied to whatever forward returns, so it is right for logits and for
 * log-probabilities alike (log_softmax of log-probabilities is the identity: their
 * log-sum-exp is 0) — the 2020 template returns log-probabilities for NLLLoss.
 */
import * as tf from '@tensorflow/tfjs';

/** output [B, K], targets [B] int32 → scalar loss */
export function lastStepCrossEntropy(output: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const K = output.shape[1];
    const logp = tf.logSoftmax(output);                          // [B, K]
    const picked = tf.sum(tf.mul(logp, tf.oneHot(targets, K)), 1); // [B]
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/** fraction of rows whose argmax equals the target */
export function accuracy(output: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(output, 1), targets), 'float32')) as tf.Scalar);
}

/**
 * PyTorch's clip_grad_norm_: scale every gradient by min(1, maxNorm / (‖g‖₂ + 1e-6)) where
 * ‖g‖₂ is the norm of all gradients together (the global norm).
 */
export function clipByGlobalNorm(grads: Record<string, tf.Tensor>, maxNorm: number): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  return tf.tidy(() => {
    const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
    const norm = tf.sqrt(tf.addN(squares)) as tf.Scalar;
    const scale = tf.minimum(tf.scalar(1), tf.div(tf.scalar(maxNorm), tf.add(norm, 1e-6)));
    const clipped: Record<string, tf.Tensor> = {};
    for (const [name, g] of Object.entries(grads)) clipped[name] = tf.mul(g, scale);
    return { grads: clipped, norm };
  });
}
