/**
 * The LSTM recurrence over a whole sequence as one differentiable op with a hand-written
 * BPTT backward (`tf.customGrad`). The tape would record ~15 ops per step and differentiate
 * each matMul through the transposed-matmul path twice per step; here the backward pass is
 * the textbook recurrence, one [B, 4H]·[4H, H] product per step, and ∂W_h is a single
 * product over all steps.
 *
 * Input: the projected inputs a_x(t) = x(t)·W_xᵀ + b, [T, B, 4H] (gate order g, i, f, o),
 * and WhT = [W_gh ‖ W_ih ‖ W_fh ‖ W_oh]ᵀ, [H, 4H]. Output: h(T), [B, H]. h(0) = c(0) = 0.
 *
 * Speed notes (wasm): tanh is computed as 2σ(2x) − 1 — the wasm Tanh kernel is scalar
 * code, ~7× slower than the vectorised Sigmoid on [128, 128]; the constants 1 and 2 are
 * made once per call, not once per op.
 */
import * as tf from '@tensorflow/tfjs';

interface Constants { one: tf.Scalar; two: tf.Scalar }
const constants = (): Constants => ({ one: tf.scalar(1), two: tf.scalar(2) });

/** tanh(x) = 2σ(2x) − 1 */
const tanh = (x: tf.Tensor, k: Constants) => tf.sub(tf.mul(k.two, tf.sigmoid(tf.mul(k.two, x))), k.one);
/** ∂ through y = σ(a): dy ⊙ y ⊙ (1 − y) */
const sigmoidGrad = (dy: tf.Tensor, y: tf.Tensor, k: Constants) => tf.mul(dy, tf.mul(y, tf.sub(k.one, y)));
/** ∂ through y = tanh(a): dy ⊙ (1 − y²) */
const tanhGrad = (dy: tf.Tensor, y: tf.Tensor, k: Constants) => tf.mul(dy, tf.sub(k.one, tf.square(y)));

const fused = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [ax, WhT, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.GradSaveFunc];
  const [T, B, G] = ax.shape;
  const H = G / 4;
  const k = constants();
  const xs = tf.unstack(ax);                                   // T × [B, 4H]
  const saved: tf.Tensor[] = [];                               // per step: g, ifo, c, tanh(c); then h(1 … T−1)
  const hs: tf.Tensor[] = [];
  let h: tf.Tensor | null = null;
  let c: tf.Tensor | null = null;
  for (let t = 0; t < T; t++) {
    const a: tf.Tensor = h ? tf.add(xs[t], tf.matMul(h as tf.Tensor2D, WhT)) : xs[t];   // [B, 4H]; h(0) = 0
    const g = tanh(tf.slice(a, [0, 0], [B, H]), k);                                      // [B, H]
    const ifo = tf.sigmoid(tf.slice(a, [0, H], [B, 3 * H]));                             // [B, 3H]: i, f, o
    const [i, f, o] = tf.split(ifo, 3, 1);
    c = c ? tf.add(tf.mul(g, i), tf.mul(c, f)) : tf.mul(g, i);                           // c(0) = 0
    const tanhC = tanh(c, k);
    h = tf.mul(tanhC, o);
    saved.push(g, ifo, c, tanhC);
    if (t < T - 1) hs.push(h);
  }
  save([...saved, ...hs, WhT]);
  return {
    value: h as tf.Tensor,
    gradFunc: (dhT: tf.Tensor, keep: tf.Tensor[]) => {
      const k = constants();
      const Wh = tf.transpose(keep[keep.length - 1]) as tf.Tensor2D;   // [4H, H]
      const at = (t: number) => keep.slice(4 * t, 4 * t + 4);          // g, ifo, c, tanh(c) of step t
      const hPrev = (t: number) => keep[4 * T + t - 1];                 // h(t−1), for t ≥ 1 (0-based)
      const das: tf.Tensor[] = new Array(T);
      let dh: tf.Tensor = dhT;
      let dc: tf.Tensor | null = null;
      for (let t = T - 1; t >= 0; t--) {
        const [g, ifo, , tanhC] = at(t);
        const [i, f, o] = tf.split(ifo, 3, 1);
        const viaH = tanhGrad(tf.mul(dh, o), tanhC, k);
        const dcT: tf.Tensor = dc ? tf.add(viaH, dc) : viaH;                        // ∂c(t): through h(t) and c(t+1)
        const dg = tanhGrad(tf.mul(dcT, i), g, k);                                   // ∂ pre-activation of g
        const cPrev = t > 0 ? at(t - 1)[2] : null;
        const dIFO = sigmoidGrad(tf.concat([tf.mul(dcT, g), cPrev ? tf.mul(dcT, cPrev) : tf.zerosLike(f), tf.mul(dh, tanhC)], 1), ifo, k);
        das[t] = tf.concat([dg, dIFO], 1);                                           // ∂a(t), [B, 4H]
        if (t > 0) {
          dh = tf.matMul(das[t] as tf.Tensor2D, Wh);                                 // ∂h(t−1), [B, H]
          dc = tf.mul(dcT, f);                                                       // ∂c(t−1) through c(t)
        }
      }
      // ∂WhT = Σ_{t ≥ 2} h(t−1)ᵀ · ∂a(t): one [H, (T−1)B]·[(T−1)B, 4H] product
      const dWhT = T > 1
        ? tf.matMul(tf.transpose(tf.concat(Array.from({ length: T - 1 }, (_, t) => hPrev(t + 1)), 0)) as tf.Tensor2D, tf.concat(das.slice(1), 0) as tf.Tensor2D)
        : tf.zerosLike(keep[keep.length - 1]);
      return [tf.stack(das), dWhT];
    },
  };
});

/** h(T) [B, H] of the LSTM driven by the projected inputs ax [T, B, 4H] and WhT [H, 4H]. */
export function lstmSequence(ax: tf.Tensor3D, WhT: tf.Tensor2D): tf.Tensor2D {
  return fused(ax, WhT) as tf.Tensor2D;
}
