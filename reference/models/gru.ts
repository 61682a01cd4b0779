/**
 * GRU (2020 PDF eqs. 29–34, with biases; the sibling course's form):
 *   z = σ(W_zx x + W_zh h(t−1) + b_z)
 *   r = σ(W_rx x + W_rh h(t−1) + b_r)
 *   h̃ = tanh(W_gx x + W_gh (r ⊙ h(t−1)) + b_g)
 *   update-takes-new (2020):        h = (1 − z) ⊙ h(t−1) + z ⊙ h̃
 *   update-keeps-old (sibling):     h = z ⊙ h(t−1) + (1 − z) ⊙ h̃
 *   p = W_ph h(T) + b_p,  h(0) = 0
 * The convention is a required option of the factory (`makeGru`), never a default;
 * `spec.gru`, when a caller sets it (the oracle's spec does), wins. On the wasm backend
 * (`backward: 'fused'`) the recurrence runs on two fused kernels (`gru-wasm-kernels.ts`);
 * the per-step ops below are the other backends' path.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention, Params, RecurrentSpec, SequenceClassifier } from '../../harness/contract';
import { DEFAULT_BACKWARD, checkBackward, checkInputs, checkSpec, fusedT, initParams, inputAndHeadShapes, inputDim, inputProjection, outputLayer, projectInputs, timeSteps, type Backward, type Shapes } from './common';
import { gruSequenceWasm, gruWasmKernelsActive } from './gru-wasm-kernels';

export const GRU_CONVENTIONS: readonly GruConvention[] = ['update-takes-new', 'update-keeps-old'];

export function gruShapes(spec: RecurrentSpec): Shapes {
  const H = spec.hiddenDim, D = inputDim(spec);
  const shapes: Shapes = {};
  for (const gate of ['z', 'r', 'g']) Object.assign(shapes, { [`W_${gate}x`]: [H, D], [`W_${gate}h`]: [H, H], [`b_${gate}`]: [H] });
  return { ...shapes, ...inputAndHeadShapes(spec, H) };
}

/** The GRU's options: its update rule (no default: the course's choice is `update-takes-new`) and how its recurrence runs (`common.ts`). */
export interface GruOptions { convention: GruConvention; backward: Backward }

/** h(T) by tfjs ops per step, autodiff by the tape; ax = projected inputs, T × [B, 3H] (z, r, g). */
function lastHiddenByTape(params: Params, ax: tf.Tensor2D[], H: number, rule: GruConvention): tf.Tensor2D {
  const WzrT = fusedT(params, ['W_zh', 'W_rh']);                                                    // [H, 2H]
  const WgT = fusedT(params, ['W_gh']);                                                             // [H, H]
  let h: tf.Tensor2D | null = null;                                                                 // h(0) = 0
  for (const a of ax) {
    const [aZR, aG] = tf.split(a, [2 * H, H], 1);                                                   // [B, 2H], [B, H]
    const [z, r] = tf.split(tf.sigmoid(h ? tf.add(aZR, tf.matMul(h, WzrT)) : aZR), 2, 1);
    const hTilde = tf.tanh(h ? tf.add(aG, tf.matMul(tf.mul(r, h), WgT)) : aG);
    const [keep, take] = rule === 'update-takes-new' ? [tf.sub(1, z), z] : [z, tf.sub(1, z)];
    h = (h ? tf.add(tf.mul(keep, h), tf.mul(take, hTilde)) : tf.mul(take, hTilde)) as tf.Tensor2D;
  }
  return h as tf.Tensor2D;
}

/** A GRU classifier with the given update rule, its recurrence run as `options.backward` says. */
export function makeGru(options: GruOptions): SequenceClassifier {
  if (!GRU_CONVENTIONS.includes(options?.convention)) {
    throw new Error(`makeGru requires options.convention among ${GRU_CONVENTIONS.join(', ')}, got ${JSON.stringify(options?.convention)}.`);
  }
  checkBackward('makeGru', options);
  return {
    init(spec, seed) {
      checkSpec('gru.init', spec);
      return initParams(gruShapes(spec), seed);
    },
    forward(params, tokens, spec) {
      checkSpec('gru.forward', spec);
      checkInputs('gru.forward', params, tokens, gruShapes(spec));
      const rule = (spec as RecurrentSpec & { gru?: GruConvention }).gru ?? options.convention;
      if (!GRU_CONVENTIONS.includes(rule)) throw new Error(`gru.forward requires spec.gru among ${GRU_CONVENTIONS.join(', ')}, got ${JSON.stringify(rule)}.`);
      return tf.tidy(() => {
        const gates = ['z', 'r', 'g'];
        if (options.backward === 'fused' && gruWasmKernelsActive()) {
          const { table, index } = inputProjection(params, tokens, spec, '', gates);                // [R, 3H], [T, B]
          return outputLayer(params, gruSequenceWasm(table, index, tf.concat([params.W_zh, params.W_rh], 0) as tf.Tensor2D, params.W_gh as tf.Tensor2D, rule));
        }
        const ax = timeSteps(projectInputs(params, tokens, spec, '', gates));     // T × [B, 3H]
        return outputLayer(params, lastHiddenByTape(params, ax, spec.hiddenDim, rule));
      });
    },
  };
}

/** The 2020 course's GRU: h = (1 − z) ⊙ h(t−1) + z ⊙ h̃. */
export const gru = makeGru({ convention: 'update-takes-new', backward: DEFAULT_BACKWARD });
