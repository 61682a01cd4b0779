/**
 * Peephole LSTM (2020 PDF eqs. 35–41): the gates read the previous CELL state, and the cell
 * input is a sigmoid of x alone:
 *   f = σ(W_fx x + W_fh c(t−1) + b_f)
 *   i = σ(W_ix x + W_ih c(t−1) + b_i)
 *   o = σ(W_ox x + W_oh c(t−1) + b_o)
 *   c = σ(W_cx x + b_c) ⊙ i + c(t−1) ⊙ f
 *   h = tanh(c) ⊙ o
 *   p = W_ph h(T) + b_p,  c(0) = 0
 * σ(W_cx x + b_c) does not depend on the state, so it is computed for all steps at once.
 * On the wasm backend (`backward: 'fused'`) the recurrence runs on two fused kernels
 * (`peep-lstm-wasm-kernels.ts`); the per-step ops below are the other backends' path.
 */
import * as tf from '@tensorflow/tfjs';
import type { RecurrentSpec, SequenceClassifier } from '../../harness/contract';
import { DEFAULT_BACKWARD, checkBackward, checkInputs, checkSpec, fusedT, initParams, inputAndHeadShapes, inputDim, inputProjection, outputLayer, projectInputs, timeSteps, type Backward, type Shapes } from './common';
import { peepLstmSequenceWasm, peepLstmWasmKernelsActive } from './peep-lstm-wasm-kernels';

export function peepLSTMShapes(spec: RecurrentSpec): Shapes {
  const H = spec.hiddenDim, D = inputDim(spec);
  const shapes: Shapes = {};
  for (const gate of ['f', 'i', 'o']) Object.assign(shapes, { [`W_${gate}x`]: [H, D], [`W_${gate}h`]: [H, H], [`b_${gate}`]: [H] });
  return { ...shapes, W_cx: [H, D], b_c: [H], ...inputAndHeadShapes(spec, H) };
}

/** h(T) by tfjs ops per step, autodiff by the tape; a = projected inputs [T, B, 4H] (f, i, o, c). */
function lastHiddenByTape(a: tf.Tensor3D, WcT: tf.Tensor2D, H: number): tf.Tensor2D {
  const [aFIO, aC] = tf.split(a, [3 * H, H], 2) as tf.Tensor3D[];                                 // [T, B, 3H], [T, B, H]
  const cellIn = timeSteps(tf.sigmoid(aC) as tf.Tensor3D);                    // T × [B, H]: σ(W_cx x + b_c)
  const gatesIn = timeSteps(aFIO);                             // T × [B, 3H]
  let c: tf.Tensor2D | null = null;
  let h: tf.Tensor2D | null = null;
  gatesIn.forEach((a, t) => {
    const [f, i, o] = tf.split(tf.sigmoid(c ? tf.add(a, tf.matMul(c, WcT)) : a), 3, 1);   // 3 × [B, H]
    c = (c ? tf.add(tf.mul(cellIn[t], i), tf.mul(c, f)) : tf.mul(cellIn[t], i)) as tf.Tensor2D;
    h = tf.mul(tf.tanh(c), o) as tf.Tensor2D;
  });
  return h as unknown as tf.Tensor2D;
}

/** A peephole-LSTM classifier whose recurrence runs as `options.backward` says (`common.ts`). */
export function makePeepLSTM(options: { backward: Backward }): SequenceClassifier {
  checkBackward('makePeepLSTM', options);
  return {
    init(spec, seed) {
      checkSpec('peepLSTM.init', spec);
      return initParams(peepLSTMShapes(spec), seed);
    },
    forward(params, tokens, spec) {
      checkSpec('peepLSTM.forward', spec);
      checkInputs('peepLSTM.forward', params, tokens, peepLSTMShapes(spec));
      return tf.tidy(() => {
        const gates = ['f', 'i', 'o', 'c'];
        if (options.backward === 'fused' && peepLstmWasmKernelsActive()) {
          const { table, index } = inputProjection(params, tokens, spec, '', gates);                             // [R, 4H], [T, B]
          const Wc = tf.concat(['W_fh', 'W_ih', 'W_oh'].map((n) => params[n] as tf.Tensor2D), 0) as tf.Tensor2D;   // [3H, H]
          return outputLayer(params, peepLstmSequenceWasm(table, index, Wc));
        }
        const a = projectInputs(params, tokens, spec, '', gates);                                                // [T, B, 4H]
        return outputLayer(params, lastHiddenByTape(a, fusedT(params, ['W_fh', 'W_ih', 'W_oh']), spec.hiddenDim));   // W_cᵀ [H, 3H]
      });
    },
  };
}

/** The reference peephole LSTM. */
export const peepLSTM = makePeepLSTM({ backward: DEFAULT_BACKWARD });
