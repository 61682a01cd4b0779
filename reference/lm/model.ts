/**
 * The word-level language model of the sibling course: an embedding, stacked LSTM or GRU
 * layers, an output layer at every step; dropout on the non-recurrent connections
 * (embedding → layer 0, between layers, top layer → output; Zaremba et al. 2014) when
 * training. The state is carried from one BPTT window to the next.
 *
 * LSTM: the equations of reference/models/text-generator.ts (gates g, i, f, o).
 * GRU:  z = σ(W_zx x + W_zh h + b_z)   r = σ(W_rx x + W_rh h + b_r)
 *       g = tanh(W_gx x + W_gh (r ⊙ h) + b_g)
 *       update-keeps-old (the sibling course, default here): h' = z ⊙ h + (1 − z) ⊙ g
 *       update-takes-new (2020):                             h' = (1 − z) ⊙ h + z ⊙ g
 * Initialisation U(−0.1, 0.1) for every parameter (Zaremba's), from the seeded JS generator.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention, Params } from '../../harness/contract';
import { makeRng } from '../data/rng';

export interface WordLMSpec {
  vocabSize: number;
  embeddingDim: number;
  hiddenDim: number;
  numLayers: number;
  cell: 'lstm' | 'gru';
  /** probability of dropping a unit on the non-recurrent connections while training (0 = off) */
  dropout: number;
  /** the GRU update rule; the sibling course's by default */
  gru?: GruConvention;
}

export interface LMState { h: tf.Tensor2D[]; c: tf.Tensor2D[] }

const GATES = { lstm: ['g', 'i', 'f', 'o'], gru: ['z', 'r', 'g'] } as const;

export function wordLMShapes(spec: WordLMSpec): Record<string, number[]> {
  const { vocabSize: V, embeddingDim: E, hiddenDim: H } = spec;
  const shapes: Record<string, number[]> = { embedding: [V, E] };
  for (let l = 0; l < spec.numLayers; l++) {
    for (const k of GATES[spec.cell]) {
      shapes[`l${l}.W_${k}x`] = [H, l === 0 ? E : H];
      shapes[`l${l}.W_${k}h`] = [H, H];
      shapes[`l${l}.b_${k}`] = [H];
    }
  }
  shapes.W_ph = [V, H];
  shapes.b_p = [V];
  return shapes;
}

export function initWordLM(spec: WordLMSpec, seed: number, scale = 0.1): Params {
  const rng = makeRng(`lm/init/${spec.cell}/${seed}`);
  const params: Params = {};
  for (const [name, shape] of Object.entries(wordLMShapes(spec))) {
    const n = shape.reduce((a, b) => a * b, 1);
    params[name] = tf.tensor(Float32Array.from({ length: n }, () => (2 * rng.random() - 1) * scale), shape);
  }
  return params;
}

export function zeroState(spec: WordLMSpec, B: number): LMState {
  const z = () => tf.zeros([B, spec.hiddenDim]) as tf.Tensor2D;
  return { h: Array.from({ length: spec.numLayers }, z), c: spec.cell === 'lstm' ? Array.from({ length: spec.numLayers }, z) : [] };
}

export function disposeLMState(s: LMState | null): void {
  if (s) tf.dispose([...s.h, ...s.c]);
}

function lstmLayer(params: Params, l: number, xProj: tf.Tensor2D[], h: tf.Tensor2D, c: tf.Tensor2D): { hs: tf.Tensor2D[]; h: tf.Tensor2D; c: tf.Tensor2D } {
  const WhT = tf.transpose(tf.concat(GATES.lstm.map((k) => params[`l${l}.W_${k}h`]), 0)) as tf.Tensor2D; // [H, 4H]
  const hs: tf.Tensor2D[] = [];
  for (const xp of xProj) {
    const [gPre, iPre, fPre, oPre] = tf.split(tf.add(xp, tf.matMul(h, WhT)), 4, 1) as tf.Tensor2D[];
    const g = tf.tanh(gPre);
    const i = tf.sigmoid(iPre);
    const f = tf.sigmoid(fPre);
    const o = tf.sigmoid(oPre);
    c = tf.add(tf.mul(g, i), tf.mul(c, f)) as tf.Tensor2D;
    h = tf.mul(tf.tanh(c), o) as tf.Tensor2D;
    hs.push(h);
  }
  return { hs, h, c };
}

function gruLayer(params: Params, l: number, xProj: tf.Tensor2D[], h: tf.Tensor2D, convention: GruConvention): { hs: tf.Tensor2D[]; h: tf.Tensor2D } {
  const WzrT = tf.transpose(tf.concat([params[`l${l}.W_zh`], params[`l${l}.W_rh`]], 0)) as tf.Tensor2D; // [H, 2H]
  const WghT = tf.transpose(params[`l${l}.W_gh`]) as tf.Tensor2D;                                      // [H, H]
  const H = h.shape[1];
  const hs: tf.Tensor2D[] = [];
  for (const xp of xProj) {
    const [xz, xr, xg] = tf.split(xp, [H, H, H], 1) as tf.Tensor2D[];
    const [hz, hr] = tf.split(tf.matMul(h, WzrT), 2, 1) as tf.Tensor2D[];
    const z = tf.sigmoid(tf.add(xz, hz));
    const r = tf.sigmoid(tf.add(xr, hr));
    const g = tf.tanh(tf.add(xg, tf.matMul(tf.mul(r, h), WghT)));
    h = (convention === 'update-keeps-old'
      ? tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), g))
      : tf.add(tf.mul(tf.sub(1, z), h), tf.mul(z, g))) as tf.Tensor2D;
    hs.push(h);
  }
  return { hs, h };
}

/**
 * tokens [B, T] and the previous state → logits [B, T, V] and the new state. `training`
 * turns dropout on (seeded per call with `seed`).
 */
export function forwardWordLM(params: Params, spec: WordLMSpec, tokens: tf.Tensor2D, state: LMState | null, options: { training?: boolean; seed?: number } = {}): { logits: tf.Tensor3D; state: LMState } {
  const [B, T] = tokens.shape;
  const H = spec.hiddenDim;
  const p = options.training ? spec.dropout : 0;
  let drops = 0;
  const drop = <R extends tf.Tensor>(x: R): R => (p > 0 ? (tf.dropout(x, p, undefined, (options.seed ?? 0) * 7919 + drops++) as R) : x);
  const prev = state ?? zeroState(spec, B);
  const next: LMState = { h: [], c: [] };
  // embedding lookup as one-hot · embedding (a matmul gradient; wasm has no gather gradient)
  let x = drop(tf.matMul(tf.oneHot(tf.reshape(tokens, [B * T]), spec.vocabSize), params.embedding)) as tf.Tensor2D; // [B·T, E]
  for (let l = 0; l < spec.numLayers; l++) {
    const gates = GATES[spec.cell];
    const Wx = tf.concat(gates.map((k) => params[`l${l}.W_${k}x`]), 0);                   // [nH, in]
    const b = tf.concat(gates.map((k) => params[`l${l}.b_${k}`]), 0);                     // [nH]
    const xProj = tf.unstack(tf.reshape(tf.add(tf.matMul(x, Wx, false, true), b), [B, T, gates.length * H]), 1) as tf.Tensor2D[]; // T × [B, nH]
    let hs: tf.Tensor2D[];
    if (spec.cell === 'lstm') {
      const r = lstmLayer(params, l, xProj, prev.h[l], prev.c[l]);
      hs = r.hs; next.h.push(r.h); next.c.push(r.c);
    } else {
      const r = gruLayer(params, l, xProj, prev.h[l], spec.gru ?? 'update-keeps-old');
      hs = r.hs; next.h.push(r.h);
    }
    x = drop(tf.reshape(tf.stack(hs, 1), [B * T, H])) as tf.Tensor2D;                      // [B·T, H]
  }
  const logits = tf.reshape(tf.add(tf.matMul(x, params.W_ph, false, true), params.b_p), [B, T, spec.vocabSize]) as tf.Tensor3D;
  return { logits, state: next };
}
