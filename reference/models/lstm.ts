/**
 * LSTM (2018/2019/2020 PDF eqs. 4–11):
 *   g = tanh(W_gx x + W_gh h(t−1) + b_g)      i = σ(W_ix x + W_ih h(t−1) + b_i)
 *   f = σ(W_fx x + W_fh h(t−1) + b_f)         o = σ(W_ox x + W_oh h(t−1) + b_o)
 *   c = g ⊙ i + c(t−1) ⊙ f                    h = tanh(c) ⊙ o
 *   p = W_ph h(T) + b_p
 * with h(0) = c(0) = 0. The four gates are one [B, 4H] product per step.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, RecurrentSpec, SequenceClassifier } from '../../harness/contract';
import { checkInputs, checkSpec, fusedT, initParams, inputAndHeadShapes, inputDim, outputLayer, projectInputs, type Shapes } from './common';
import { lstmSequence } from './lstm-sequence';

/** Gate order inside the fused [B, 4H] pre-activations. */
export const LSTM_GATES = ['g', 'i', 'f', 'o'];

/** The cell's parameters: W_·x [H, D], W_·h [H, H], b_· [H] for each gate. */
export function lstmCellShapes(D: number, H: number, prefix = ''): Shapes {
  const shapes: Shapes = {};
  for (const gate of LSTM_GATES) {
    shapes[`${prefix}W_${gate}x`] = [H, D];
    shapes[`${prefix}W_${gate}h`] = [H, H];
    shapes[`${prefix}b_${gate}`] = [H];
  }
  return shapes;
}

export function lstmShapes(spec: RecurrentSpec): Shapes {
  return { ...lstmCellShapes(inputDim(spec), spec.hiddenDim), ...inputAndHeadShapes(spec, spec.hiddenDim) };
}

/** One LSTM step on fused pre-activations: a = x-projection(t) + h(t−1)·W_hᵀ, [B, 4H]. */
export function lstmStep(a: tf.Tensor2D, c: tf.Tensor2D | null): { h: tf.Tensor2D; c: tf.Tensor2D } {
  const [aG, aI, aF, aO] = tf.split(a, 4, 1);                 // 4 × [B, H]
  const g = tf.tanh(aG);
  const i = tf.sigmoid(aI);
  const f = tf.sigmoid(aF);
  const o = tf.sigmoid(aO);
  const cNew = c ? tf.add(tf.mul(g, i), tf.mul(c, f)) : tf.mul(g, i);   // c(0) = 0
  return { h: tf.mul(tf.tanh(cNew), o), c: cNew as tf.Tensor2D };
}

/**
 * The LSTM over all steps, autodiff by the tape: ax are the projected inputs [T, B, 4H],
 * WhT = [W_gh ‖ W_ih ‖ W_fh ‖ W_oh]ᵀ [H, 4H]. Returns h(T) [B, H].
 */
export function lstmSequenceByTape(ax: tf.Tensor3D, WhT: tf.Tensor2D): tf.Tensor2D {
  let state: { h: tf.Tensor2D; c: tf.Tensor2D } | null = null;                 // h(0) = c(0) = 0
  for (const x of tf.unstack(ax) as tf.Tensor2D[]) {
    const a: tf.Tensor2D = state ? tf.add(x, tf.matMul(state.h, WhT)) : x;        // no recurrent term at t = 1
    state = lstmStep(a, state ? state.c : null);
  }
  return (state as unknown as { h: tf.Tensor2D }).h;
}

/**
 * How the LSTM's gradient is computed: the hand-written BPTT of `lstm-sequence.ts`
 * (default, measured faster in `npm run bench -- lstm-step`) or tfjs's tape. A switch so
 * the benchmark and the tests can run both.
 */
export const LSTM_BACKWARD: { mode: 'hand-written' | 'tape' } = { mode: 'hand-written' };

/** h(T) of the cell named by `prefix`, reading the tokens forwards or backwards. */
export function lstmLastHidden(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec, prefix = '', reverse = false): tf.Tensor2D {
  const ax = projectInputs(params, tokens, spec, prefix, LSTM_GATES, reverse);   // [T, B, 4H]
  const WhT = fusedT(params, LSTM_GATES.map((g) => `${prefix}W_${g}h`));        // [H, 4H]
  return (LSTM_BACKWARD.mode === 'hand-written' ? lstmSequence : lstmSequenceByTape)(ax, WhT);
}

export const lstm: SequenceClassifier = {
  init(spec, seed) {
    checkSpec('lstm.init', spec);
    return initParams(lstmShapes(spec), seed);
  },
  forward(params, tokens, spec) {
    checkSpec('lstm.forward', spec);
    checkInputs('lstm.forward', params, tokens, lstmShapes(spec));
    return tf.tidy(() => outputLayer(params, lstmLastHidden(params, tokens, spec)));
  },
};
