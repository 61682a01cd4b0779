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
 *
 * On the wasm backend (`backward: 'fused'`) it runs on the LSTM's fused kernels with k(t)
 * per step (`lstm-wasm-kernels.ts`); the per-step ops below are the other backends' path.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, RecurrentSpec, SequenceClassifier, TimeGateParams } from '../../harness/contract';
import { DEFAULT_BACKWARD, checkBackward, checkInputs, checkSpec, fusedT, initParams, inputProjection, outputLayer, projectInputs, timeSteps, type Backward } from './common';
import { LSTM_GATES, lstmShapes } from './lstm';
import { lstmSequenceWasm, lstmWasmKernelsActive } from './lstm-wasm-kernels';
import { checkTimeGate, timeGate } from './time-gate';

/** h(T) [B, H] by tfjs ops per step, autodiff by the tape; closed steps are skipped. */
function lastHiddenByTape(ax: tf.Tensor2D[], WhT: tf.Tensor2D, ks: number[], B: number, H: number): tf.Tensor2D {
  let h: tf.Tensor2D = tf.zeros([B, H]);
  let c: tf.Tensor2D = tf.zeros([B, H]);
  ax.forEach((a, step) => {
    const k = ks[step];
    if (k === 0) return;                                                 // closed: c(t) = c(t−1), h(t) = h(t−1)
    const [aG, aI, aF, aO] = tf.split(tf.add(a, tf.matMul(h, WhT)), 4, 1);
    const g = tf.tanh(aG), i = tf.sigmoid(aI), f = tf.sigmoid(aF), o = tf.sigmoid(aO);
    const cTilde = tf.add(tf.mul(g, i), tf.mul(c, f));
    c = tf.add(tf.mul(k, cTilde), tf.mul(1 - k, c));
    const hTilde = tf.mul(tf.tanh(c), o);
    h = tf.add(tf.mul(k, hTilde), tf.mul(1 - k, h));
  });
  return h;
}

function lastHidden(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec, gate: TimeGateParams, backward: Backward): tf.Tensor2D {
  const [B, T] = tokens.shape;
  const ks = Array.from({ length: T }, (_, step) => timeGate(step + 1, gate));   // k(1) … k(T)
  if (backward === 'fused' && lstmWasmKernelsActive()) {
    const { table, index } = inputProjection(params, tokens, spec, '', LSTM_GATES);                 // [R, 4H], [T, B]
    return lstmSequenceWasm(table, index, tf.concat(LSTM_GATES.map((g) => params[`W_${g}h`] as tf.Tensor2D), 0) as tf.Tensor2D, ks);   // W_h [4H, H]
  }
  const ax = projectInputs(params, tokens, spec, '', LSTM_GATES);                                    // [T, B, 4H]
  return lastHiddenByTape(timeSteps(ax), fusedT(params, LSTM_GATES.map((g) => `W_${g}h`)), ks, B, spec.hiddenDim);
}

/** A time-gated LSTM classifier whose recurrence runs as `options.backward` says (`common.ts`). */
export function makeTimeGatedLSTM(options: { backward: Backward }): SequenceClassifier {
  checkBackward('makeTimeGatedLSTM', options);
  return {
    init(spec, seed) {
      checkSpec('timeGatedLSTM.init', spec);
      return initParams(lstmShapes(spec), seed);
    },
    forward(params, tokens, spec) {
      checkSpec('timeGatedLSTM.forward', spec);
      checkTimeGate('timeGatedLSTM.forward', spec.timeGate);
      checkInputs('timeGatedLSTM.forward', params, tokens, lstmShapes(spec));
      const gate = spec.timeGate;
      return tf.tidy(() => outputLayer(params, lastHidden(params, tokens, spec, gate, options.backward)));
    },
  };
}

/** The reference time-gated LSTM. */
export const timeGatedLSTM = makeTimeGatedLSTM({ backward: DEFAULT_BACKWARD });
