/**
 * Vanilla RNN (PDF eqs. 1–3):
 *   h(t) = tanh(W_hx x(t) + W_hh h(t−1) + b_h),   h(0) = 0
 *   p = W_ph h(T) + b_p
 */
import * as tf from '@tensorflow/tfjs';
import type { RecurrentSpec, SequenceClassifier } from '../../harness/contract';
import { checkInputs, checkSpec, fusedT, initParams, inputAndHeadShapes, inputDim, outputLayer, projectInputs, timeSteps, type Shapes } from './common';

export function vanillaRNNShapes(spec: RecurrentSpec): Shapes {
  const H = spec.hiddenDim;
  return { W_hx: [H, inputDim(spec)], W_hh: [H, H], b_h: [H], ...inputAndHeadShapes(spec, H) };
}

export const vanillaRNN: SequenceClassifier = {
  init(spec, seed) {
    checkSpec('vanillaRNN.init', spec);
    return initParams(vanillaRNNShapes(spec), seed);
  },
  forward(params, tokens, spec) {
    checkSpec('vanillaRNN.forward', spec);
    checkInputs('vanillaRNN.forward', params, tokens, vanillaRNNShapes(spec));
    return tf.tidy(() => {
      const ax = timeSteps(projectInputs(params, tokens, spec, '', ['h']));   // T × [B, H]: W_hx x(t) + b_h
      const WhhT = fusedT(params, ['W_hh']);                                                     // [H, H]
      let h = tf.tanh(ax[0]);                                                                    // h(0) = 0
      for (let t = 1; t < ax.length; t++) h = tf.tanh(tf.add(ax[t], tf.matMul(h, WhhT))) as tf.Tensor2D;
      return outputLayer(params, h);
    });
  },
};
