/**
 * Your submission. Copy this folder to `submissions/<your-id>/`, implement the parts you
 * are doing, and grade it with `npm run grade -- submissions/<your-id>`.
 *
 * The contract (names, shapes, conventions) is `harness/contract.ts`; read its doc
 * comments first. Every part is optional: leave a part out of `models` and it scores 0
 * as "not submitted", it does not break the others.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, RecurrentSpec, SequenceClassifier, Submission } from '../../harness/contract';

const vanillaRNN: SequenceClassifier = {
  /** W_hx [H, D], W_hh [H, H], b_h [H], W_ph [K, H], b_p [K] — the same seed must give the same values. */
  init(spec: RecurrentSpec, seed: number): Params {
    throw new Error(`TODO: vanillaRNN.init (hidden ${spec.hiddenDim}, seed ${seed})`);
  },
  /** tokens [B, T] int32 → logits [B, K] at the last step. Pure: wrap the body in tf.tidy. */
  forward(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec): tf.Tensor2D {
    return tf.tidy(() => {
      throw new Error(`TODO: vanillaRNN.forward (tokens ${tokens.shape}, ${Object.keys(params).length} params, K = ${spec.numClasses})`);
    });
  },
};

const submission: Submission = {
  author: 'Your Name',
  models: {
    vanillaRNN,
    // lstm, peepLSTM, gru, biLSTM, timeGatedLSTM, textGenerator, gcn, gat
  },
  // timeGate: (t, { tau, s, rOn, alpha }) => k,
  conventions: { gru: 'update-takes-new', temperature: 'multiply' },
};

export default submission;
