/**
 * An example of a realistic buggy submission (a composite of mistakes students make), kept
 * so the report shows what the harness says about each one:
 * - vanillaRNN: right maths, but forward is not wrapped in tf.tidy (leaks tensors);
 * - lstm: the time loop stops one step early (`t < T - 1`), so x(T) is never read;
 * - peepLSTM: the gates read h(t−1) instead of c(t−1);
 * - gru: the sibling course's update h = z⊙h(t−1) + (1−z)⊙g, without declaring it;
 * - timeGate: JavaScript's truncating `%`, so φ < 0 for t < s;
 * - init: the first tensor gets tfjs seed `seed + 0`, and tfjs treats a seed of 0 as
 *   "no seed", so grading seed 0 is not reproducible.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, RecurrentSpec, SequenceClassifier, Submission, TimeGateParams } from '../../harness/contract';
import { inputs, kaiming, linear, readout } from './layers';

function rnnInit(spec: RecurrentSpec, seed: number, gates: string[], peephole = false): Params {
  const H = spec.hiddenDim;
  const D = spec.input.kind === 'one-hot' ? spec.vocabSize : spec.input.kind === 'embedding' ? spec.input.dim : 1;
  const p: Params = {};
  let k = 0;
  for (const g of gates) {
    p[`W_${g}x`] = kaiming([H, D], seed + k++);
    if (!(peephole && g === 'c')) p[`W_${g}h`] = kaiming([H, H], seed + k++);
    p[`b_${g}`] = tf.zeros([H]);
  }
  p.W_ph = kaiming([spec.numClasses, H], seed + k++);
  p.b_p = tf.zeros([spec.numClasses]);
  if (spec.input.kind === 'embedding') p.embedding = kaiming([spec.vocabSize, spec.input.dim], seed + k++);
  return p;
}

const vanillaRNN: SequenceClassifier = {
  init: (spec, seed) => rnnInit(spec, seed, ['h']),
  forward(p, tokens, spec) {
    // BUG: no tf.tidy — every intermediate tensor stays allocated
    const xs = inputs(p, tokens, spec);
    let h: tf.Tensor = tf.zeros([tokens.shape[0], spec.hiddenDim]);
    for (const x of xs) h = tf.tanh(tf.add(tf.add(linear(x, p.W_hx), linear(h, p.W_hh)), p.b_h));
    return readout(p, h);
  },
};

const lstm: SequenceClassifier = {
  init: (spec, seed) => rnnInit(spec, seed, ['g', 'i', 'f', 'o']),
  forward(p, tokens, spec) {
    return tf.tidy(() => {
      const xs = inputs(p, tokens, spec);
      const T = xs.length;
      let h: tf.Tensor = tf.zeros([tokens.shape[0], spec.hiddenDim]);
      let c: tf.Tensor = tf.zeros([tokens.shape[0], spec.hiddenDim]);
      for (let t = 0; t < T - 1; t++) {          // BUG: stops one step early
        const x = xs[t];
        const g = tf.tanh(tf.add(tf.add(linear(x, p.W_gx), linear(h, p.W_gh)), p.b_g));
        const i = tf.sigmoid(tf.add(tf.add(linear(x, p.W_ix), linear(h, p.W_ih)), p.b_i));
        const f = tf.sigmoid(tf.add(tf.add(linear(x, p.W_fx), linear(h, p.W_fh)), p.b_f));
        const o = tf.sigmoid(tf.add(tf.add(linear(x, p.W_ox), linear(h, p.W_oh)), p.b_o));
        c = tf.add(tf.mul(g, i), tf.mul(c, f));
        h = tf.mul(tf.tanh(c), o);
      }
      return readout(p, h);
    });
  },
};

const peepLSTM: SequenceClassifier = {
  init: (spec, seed) => rnnInit(spec, seed, ['f', 'i', 'o', 'c'], true),
  forward(p, tokens, spec) {
    return tf.tidy(() => {
      const xs = inputs(p, tokens, spec);
      let h: tf.Tensor = tf.zeros([tokens.shape[0], spec.hiddenDim]);
      let c: tf.Tensor = tf.zeros([tokens.shape[0], spec.hiddenDim]);
      for (const x of xs) {
        // BUG: the 2020 peephole gates read c(t−1), not h(t−1)
        const f = tf.sigmoid(tf.add(tf.add(linear(x, p.W_fx), linear(h, p.W_fh)), p.b_f));
        const i = tf.sigmoid(tf.add(tf.add(linear(x, p.W_ix), linear(h, p.W_ih)), p.b_i));
        const o = tf.sigmoid(tf.add(tf.add(linear(x, p.W_ox), linear(h, p.W_oh)), p.b_o));
        c = tf.add(tf.mul(tf.sigmoid(tf.add(linear(x, p.W_cx), p.b_c)), i), tf.mul(c, f));
        h = tf.mul(tf.tanh(c), o);
      }
      return readout(p, h);
    });
  },
};

const gru: SequenceClassifier = {
  init: (spec, seed) => rnnInit(spec, seed, ['z', 'r', 'g']),
  forward(p, tokens, spec) {
    return tf.tidy(() => {
      const xs = inputs(p, tokens, spec);
      let h: tf.Tensor = tf.zeros([tokens.shape[0], spec.hiddenDim]);
      for (const x of xs) {
        const z = tf.sigmoid(tf.add(tf.add(linear(x, p.W_zx), linear(h, p.W_zh)), p.b_z));
        const r = tf.sigmoid(tf.add(tf.add(linear(x, p.W_rx), linear(h, p.W_rh)), p.b_r));
        const g = tf.tanh(tf.add(tf.add(linear(x, p.W_gx), linear(tf.mul(r, h), p.W_gh)), p.b_g));
        // the sibling course's rule; fine if declared as conventions.gru = 'update-keeps-old' — it is not (BUG)
        h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), g));
      }
      return readout(p, h);
    });
  },
};

/** k(t) of the 2018 time gate. BUG: `%` truncates toward zero, so φ < 0 when t < s. */
function timeGate(t: number, { tau, s, rOn, alpha = 0 }: TimeGateParams): number {
  const phi = ((t - s) % tau) / tau;
  if (phi < rOn / 2) return (2 * phi) / rOn;
  if (phi < rOn) return 2 - (2 * phi) / rOn;
  return alpha * phi;
}

const submission: Submission = {
  author: 'Example Buggy (composite of common mistakes)',
  models: { vanillaRNN, lstm, peepLSTM, gru },
  timeGate,
  conventions: { temperature: 'multiply' },
};

export default submission;
