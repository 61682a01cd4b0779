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
import { DEFAULT_BACKWARD, checkBackward, checkInputs, checkSpec, initParams, inputAndHeadShapes, inputDim, inputProjection, outputLayer, projectInputs, timeSteps, type Shapes } from './common';
import { lstmSequence } from './lstm-sequence';
import { lstmSequenceWasm, lstmWasmKernelsActive } from './lstm-wasm-kernels';

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
  for (const x of timeSteps(ax)) {
    const a: tf.Tensor2D = state ? tf.add(x, tf.matMul(state.h, WhT)) : x;        // no recurrent term at t = 1
    state = lstmStep(a, state ? state.c : null);
  }
  return (state as unknown as { h: tf.Tensor2D }).h;
}

/**
 * How the LSTM's recurrence and gradient are computed, fastest first (`npm run bench -- lstm-step`):
 * - `fused`: on the wasm backend the two whole-sequence kernels of `lstm-wasm-kernels.ts`;
 *   on any other backend the same as `hand-written`;
 * - `hand-written`: the BPTT of `lstm-sequence.ts` in tfjs ops, on every backend;
 * - `tape`: tfjs's autodiff of the forward steps.
 * An option of {@link makeLstm}; the reference LSTM takes {@link DEFAULT_BACKWARD} (`common.ts`,
 * where the choice is documented for every recurrent model).
 */
export type LstmBackward = 'fused' | 'hand-written' | 'tape';
export interface LstmOptions { backward: LstmBackward }
const LSTM_BACKWARDS: readonly LstmBackward[] = ['fused', 'hand-written', 'tape'];

/** Where the cell's parameters are (`prefix`), which way it reads the tokens, and its {@link LstmBackward}. */
export interface LstmCellOptions extends LstmOptions { prefix?: string; reverse?: boolean }

/** h(T) [B, H] of the cell named by `prefix`, reading the tokens forwards or backwards (`reverse`). */
export function lstmLastHidden(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec, { prefix = '', reverse = false, backward }: LstmCellOptions): tf.Tensor2D {
  const Wh = tf.concat(LSTM_GATES.map((g) => params[`${prefix}W_${g}h`] as tf.Tensor2D), 0) as tf.Tensor2D;   // [4H, H]
  if (backward === 'fused' && lstmWasmKernelsActive()) {
    const { table, index } = inputProjection(params, tokens, spec, prefix, LSTM_GATES, reverse);   // [R, 4H], [T, B]
    return lstmSequenceWasm(table, index, Wh);
  }
  const ax = projectInputs(params, tokens, spec, prefix, LSTM_GATES, reverse);                     // [T, B, 4H]
  return (backward === 'tape' ? lstmSequenceByTape : lstmSequence)(ax, tf.transpose(Wh));
}

/** An LSTM classifier whose recurrence runs as `options.backward` says. */
export function makeLstm(options: LstmOptions): SequenceClassifier {
  checkBackward('makeLstm', options, LSTM_BACKWARDS);
  return {
    init(spec, seed) {
      checkSpec('lstm.init', spec);
      return initParams(lstmShapes(spec), seed);
    },
    forward(params, tokens, spec) {
      checkSpec('lstm.forward', spec);
      checkInputs('lstm.forward', params, tokens, lstmShapes(spec));
      return tf.tidy(() => outputLayer(params, lstmLastHidden(params, tokens, spec, options)));
    },
  };
}

/** The reference LSTM. */
export const lstm = makeLstm({ backward: DEFAULT_BACKWARD });
