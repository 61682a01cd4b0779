/**
 * Time-gated LSTM (2018 PDF eqs. 13–16): the LSTM's c̃, h̃ pass only as far as the gate k(t)
 * is open:
 *   c̃(t) = g ⊙ i + c(t−1) ⊙ f
 *   c(t) = k(t) c̃(t) + (1 − k(t)) c(t−1)
 *   h̃(t) = tanh(c(t)) ⊙ o
 *   h(t) = k(t) h̃(t) + (1 − k(t)) h(t−1)
 * with g, i, f, o the LSTM gates of x(t) and h(t−1), t = 1 … T, h(0) = c(0) = 0, and
 * p = W_ph h(T) + b_p. k(t) is a number per step (spec.timeGate); where k = 0 the state is
 * carried over unchanged, so the step is skipped.
 */
import * as tf from '@tensorflow/tfjs';
import type { SequenceClassifier } from '../../harness/contract';
import { checkInputs, checkSpec, fusedT, initParams, outputLayer, projectInputs } from './common';
import { LSTM_GATES, lstmShapes } from './lstm';
import { checkTimeGate, timeGate } from './time-gate';

export const timeGatedLSTM: SequenceClassifier = {
  init(spec, seed) {
    checkSpec('timeGatedLSTM.init', spec);
    return initParams(lstmShapes(spec), seed);
  },
  forward(params, tokens, spec) {
    checkSpec('timeGatedLSTM.forward', spec);
    checkTimeGate('timeGatedLSTM.forward', spec.timeGate);
    checkInputs('timeGatedLSTM.forward', params, tokens, lstmShapes(spec));
    const gate = spec.timeGate;
    return tf.tidy(() => {
      const [B] = tokens.shape;
      const H = spec.hiddenDim;
      const ax = tf.unstack(projectInputs(params, tokens, spec, '', LSTM_GATES)) as tf.Tensor2D[];   // T × [B, 4H]
      const WhT = fusedT(params, LSTM_GATES.map((g) => `W_${g}h`));                                  // [H, 4H]
      let h: tf.Tensor2D = tf.zeros([B, H]);
      let c: tf.Tensor2D = tf.zeros([B, H]);
      ax.forEach((a, step) => {
        const k = timeGate(step + 1, gate);
        if (k === 0) return;                                                 // closed: c(t) = c(t−1), h(t) = h(t−1)
        const [aG, aI, aF, aO] = tf.split(tf.add(a, tf.matMul(h, WhT)), 4, 1);
        const g = tf.tanh(aG), i = tf.sigmoid(aI), f = tf.sigmoid(aF), o = tf.sigmoid(aO);
        const cTilde = tf.add(tf.mul(g, i), tf.mul(c, f));
        c = tf.add(tf.mul(k, cTilde), tf.mul(1 - k, c));
        const hTilde = tf.mul(tf.tanh(c), o);
        h = tf.add(tf.mul(k, hTilde), tf.mul(1 - k, h));
      });
      return outputLayer(params, h);
    });
  },
};
