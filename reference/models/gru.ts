/**
 * GRU (2020 PDF eqs. 29–34, with biases; the sibling course's form):
 *   z = σ(W_zx x + W_zh h(t−1) + b_z)
 *   r = σ(W_rx x + W_rh h(t−1) + b_r)
 *   h̃ = tanh(W_gx x + W_gh (r ⊙ h(t−1)) + b_g)
 *   update-takes-new (2020):        h = (1 − z) ⊙ h(t−1) + z ⊙ h̃
 *   update-keeps-old (sibling):     h = z ⊙ h(t−1) + (1 − z) ⊙ h̃
 *   p = W_ph h(T) + b_p,  h(0) = 0
 * The convention is chosen by the factory (`makeGru`); `spec.gru`, when a caller sets it
 * (the oracle's spec does), wins.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention, RecurrentSpec, SequenceClassifier } from '../../harness/contract';
import { checkInputs, checkSpec, fusedT, initParams, inputAndHeadShapes, inputDim, outputLayer, projectInputs, type Shapes } from './common';

export const GRU_CONVENTIONS: readonly GruConvention[] = ['update-takes-new', 'update-keeps-old'];

export function gruShapes(spec: RecurrentSpec): Shapes {
  const H = spec.hiddenDim, D = inputDim(spec);
  const shapes: Shapes = {};
  for (const gate of ['z', 'r', 'g']) Object.assign(shapes, { [`W_${gate}x`]: [H, D], [`W_${gate}h`]: [H, H], [`b_${gate}`]: [H] });
  return { ...shapes, ...inputAndHeadShapes(spec, H) };
}

/** A GRU classifier with the given update rule. */
export function makeGru(convention: GruConvention = 'update-takes-new'): SequenceClassifier {
  if (!GRU_CONVENTIONS.includes(convention)) {
    throw new Error(`makeGru requires a convention among ${GRU_CONVENTIONS.join(', ')}, got ${JSON.stringify(convention)}.`);
  }
  return {
    init(spec, seed) {
      checkSpec('gru.init', spec);
      return initParams(gruShapes(spec), seed);
    },
    forward(params, tokens, spec) {
      checkSpec('gru.forward', spec);
      checkInputs('gru.forward', params, tokens, gruShapes(spec));
      const rule = (spec as RecurrentSpec & { gru?: GruConvention }).gru ?? convention;
      if (!GRU_CONVENTIONS.includes(rule)) throw new Error(`gru.forward requires spec.gru among ${GRU_CONVENTIONS.join(', ')}, got ${JSON.stringify(rule)}.`);
      return tf.tidy(() => {
        const H = spec.hiddenDim;
        const ax = tf.unstack(projectInputs(params, tokens, spec, '', ['z', 'r', 'g'])) as tf.Tensor2D[];   // T × [B, 3H]
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
        return outputLayer(params, h as tf.Tensor2D);
      });
    },
  };
}

/** The 2020 course's GRU: h = (1 − z) ⊙ h(t−1) + z ⊙ h̃. */
export const gru = makeGru('update-takes-new');
