/**
 * Throw-away submissions for the checks' tests: a compact tfjs implementation of every
 * sequence classifier and the time gate, written from the equations (not from the oracle
 * or the variant engine), into which a test plants one known mistake.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruConvention, Params, RecurrentSpec, SequenceClassifier, SequenceModelName, Submission, TimeGateParams } from '../../contract';

/** One planted mistake (or convention) per field; the defaults are the course's model. */
export interface Mistakes {
  gru?: GruConvention;
  gruResetAfter?: boolean;
  peepCellTanh?: boolean;
  peepGatesReadH?: boolean;
  hardSigmoid?: boolean;
  noCellTanh?: boolean;
  stopOneEarly?: boolean;
  readFirstStep?: boolean;
  recurrentAsInOut?: boolean;
  swapForgetInput?: boolean;
  noRecurrentBias?: boolean;
  noOutputBias?: boolean;
  backwardNotReversed?: boolean;
  backwardFirstState?: boolean;
  concatBwdFwd?: boolean;
  truncatingMod?: boolean;
  zeroBasedTime?: boolean;
  output?: 'logits' | 'log-probs' | 'softmax' | 'log-softmax-batch';
  /** leave a tensor behind per forward */
  leak?: boolean;
  /** dispose the parameter W_ph inside forward */
  disposeParam?: boolean;
  /** init ignores the seed */
  unseeded?: boolean;
  /** init hard-codes H = 6 */
  hardCodedHidden?: boolean;
}

const inputDim = (spec: RecurrentSpec) => (spec.input.kind === 'one-hot' ? spec.vocabSize : spec.input.kind === 'embedding' ? spec.input.dim : 1);

function cellShapes(model: SequenceModelName, D: number, H: number): Record<string, number[]> {
  const gates = (names: string[]) => Object.fromEntries(names.flatMap((g) => [[`W_${g}x`, [H, D]], [`W_${g}h`, [H, H]], [`b_${g}`, [H]]]));
  switch (model) {
    case 'vanillaRNN': return gates(['h']);
    case 'lstm': case 'timeGatedLSTM': return gates(['g', 'i', 'f', 'o']);
    case 'peepLSTM': return { ...gates(['f', 'i', 'o']), W_cx: [H, D], b_c: [H] };
    case 'gru': return gates(['z', 'r', 'g']);
    case 'biLSTM': {
      const one = gates(['g', 'i', 'f', 'o']);
      return Object.fromEntries(['fwd.', 'bwd.'].flatMap((p) => Object.entries(one).map(([n, s]) => [p + n, s])));
    }
  }
}

export function plantedShapes(model: SequenceModelName, spec: RecurrentSpec): Record<string, number[]> {
  const H = spec.hiddenDim;
  const F = model === 'biLSTM' ? 2 * H : H;
  return {
    ...(spec.input.kind === 'embedding' ? { embedding: [spec.vocabSize, spec.input.dim] } : {}),
    ...cellShapes(model, inputDim(spec), H),
    W_ph: [spec.numClasses, F], b_p: [spec.numClasses],
  };
}

export function plantedTimeGate(m: Mistakes = {}) {
  return (t: number, p: TimeGateParams): number => {
    const r = m.truncatingMod ? (t - p.s) % p.tau : (((t - p.s) % p.tau) + p.tau) % p.tau;
    const phi = r / p.tau;
    if (phi < p.rOn / 2) return (2 * phi) / p.rOn;
    if (phi < p.rOn) return 2 - (2 * phi) / p.rOn;
    return (p.alpha ?? 0) * phi;
  };
}

export function plantedModel(model: SequenceModelName, m: Mistakes = {}): SequenceClassifier {
  return {
    init(spec, seed) {
      const shapes = plantedShapes(model, m.hardCodedHidden ? { ...spec, hiddenDim: 6 } : spec);
      const params: Params = {};
      Object.entries(shapes).forEach(([name, shape], k) => {
        const s = m.unseeded ? undefined : seed * 100 + k;
        const fanIn = shape.length === 2 ? shape[1] : 10;
        params[name] = tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', s), 1 / Math.sqrt(fanIn)));
      });
      return params;
    },

    forward(P, tokens, spec) {
      const out = tf.tidy(() => {
        const B = tokens.shape[0], T = tokens.shape[1], H = spec.hiddenDim;
        const σ = (a: tf.Tensor) => (m.hardSigmoid ? tf.clipByValue(tf.add(tf.mul(a, 0.2), 0.5), 0, 1) : tf.sigmoid(a));
        // W·x for a row-major batch: x [B, in] · Wᵀ → [B, out]
        const lin = (x: tf.Tensor, name: string) =>
          m.recurrentAsInOut && /W_[a-z]h$/.test(name) && name !== 'W_ph' ? tf.matMul(x as tf.Tensor2D, P[name] as tf.Tensor2D) : tf.matMul(x as tf.Tensor2D, P[name] as tf.Tensor2D, false, true);
        const bias = (name: string) => (m.noRecurrentBias ? tf.scalar(0) : P[name]);
        const pre = (x: tf.Tensor, h: tf.Tensor, g: string, pfx = '') => tf.add(tf.add(lin(x, `${pfx}W_${g}x`), lin(h, `${pfx}W_${g}h`)), bias(`${pfx}b_${g}`));
        const xs: tf.Tensor[] = tf.unstack(tokens, 1).map((tok) => {   // T × [B]
          if (spec.input.kind === 'one-hot') return tf.oneHot(tok as tf.Tensor1D, spec.vocabSize).toFloat();   // [B, V]
          if (spec.input.kind === 'scalar') return tf.reshape(tok.toFloat(), [B, 1]);                     // [B, 1]
          return tf.matMul(tf.oneHot(tok as tf.Tensor1D, spec.vocabSize).toFloat(), P.embedding as tf.Tensor2D); // [B, E]
        });
        const steps = m.stopOneEarly ? T - 1 : T;
        const gate = plantedTimeGate({ truncatingMod: m.truncatingMod });
        const [fg, ig] = m.swapForgetInput ? ['i', 'f'] : ['f', 'i'];

        const runLstm = (order: number[], pfx: string, kind: SequenceModelName): tf.Tensor[] => {
          let h: tf.Tensor = tf.zeros([B, H]), c: tf.Tensor = tf.zeros([B, H]);
          const hs: tf.Tensor[] = [];
          for (const t of order) {
            const x = xs[t];
            if (kind === 'peepLSTM') {
              const r = m.peepGatesReadH ? h : c;
              const f = σ(pre(x, r, fg, pfx)), i = σ(pre(x, r, ig, pfx)), o = σ(pre(x, r, 'o', pfx));
              const cin = tf.add(lin(x, 'W_cx'), bias('b_c'));
              c = tf.add(tf.mul(m.peepCellTanh ? tf.tanh(cin) : σ(cin), i), tf.mul(c, f));
              h = tf.mul(m.noCellTanh ? c : tf.tanh(c), o);
            } else if (kind === 'gru') {
              const z = σ(pre(x, h, 'z')), r = σ(pre(x, h, 'r'));
              const g = m.gruResetAfter
                ? tf.tanh(tf.add(tf.add(lin(x, 'W_gx'), bias('b_g')), tf.mul(r, lin(h, 'W_gh'))))
                : tf.tanh(tf.add(tf.add(lin(x, 'W_gx'), lin(tf.mul(r, h), 'W_gh')), bias('b_g')));
              h = (m.gru ?? 'update-takes-new') === 'update-takes-new' ? tf.add(tf.mul(tf.sub(1, z), h), tf.mul(z, g)) : tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), g));
            } else if (kind === 'vanillaRNN') {
              h = tf.tanh(pre(x, h, 'h'));
            } else {
              const g = tf.tanh(pre(x, h, 'g', pfx)), i = σ(pre(x, h, ig, pfx)), f = σ(pre(x, h, fg, pfx)), o = σ(pre(x, h, 'o', pfx));
              const cTilde = tf.add(tf.mul(g, i), tf.mul(c, f));
              if (kind === 'timeGatedLSTM') {
                const k = gate((m.zeroBasedTime ? 0 : 1) + t, spec.timeGate!);
                c = tf.add(tf.mul(k, cTilde), tf.mul(1 - k, c));
                h = tf.add(tf.mul(k, tf.mul(m.noCellTanh ? c : tf.tanh(c), o)), tf.mul(1 - k, h));
              } else {
                c = cTilde;
                h = tf.mul(m.noCellTanh ? c : tf.tanh(c), o);
              }
            }
            hs.push(h);
          }
          return hs.length ? hs : [h];
        };
        const order = Array.from({ length: steps }, (_, t) => t);
        let feature: tf.Tensor;
        if (model === 'biLSTM') {
          const hf = runLstm(order, 'fwd.', 'lstm');
          const hb = runLstm(m.backwardNotReversed ? order : [...order].reverse(), 'bwd.', 'lstm');
          const f = hf[hf.length - 1], b = m.backwardFirstState ? hb[0] : hb[hb.length - 1];
          feature = m.concatBwdFwd ? tf.concat([b, f], 1) : tf.concat([f, b], 1);                          // [B, 2H]
        } else {
          const hs = runLstm(order, '', model);
          feature = m.readFirstStep ? hs[0] : hs[hs.length - 1];                                             // [B, H]
        }
        let p = lin(feature, 'W_ph');                                                                        // [B, K]
        if (!m.noOutputBias) p = tf.add(p, P.b_p);
        switch (m.output ?? 'logits') {
          case 'log-probs': return tf.logSoftmax(p, 1);
          case 'softmax': return tf.softmax(p, 1);
          case 'log-softmax-batch': return tf.logSoftmax(tf.transpose(p)).transpose();
          default: return p;
        }
      });
      if (m.leak) tf.keep(tf.zeros([1]));
      if (m.disposeParam) P.W_ph.dispose();
      return out as tf.Tensor2D;
    },
  };
}

/** A submission with the given models planted with mistakes `m` (and the time gate). */
export function plantedSubmission(models: SequenceModelName[], m: Mistakes = {}, conventions?: Submission['conventions']): Submission {
  return {
    author: 'planted',
    models: Object.fromEntries(models.map((name) => [name, plantedModel(name, m)])),
    timeGate: plantedTimeGate(m),
    ...(conventions ? { conventions } : {}),
  };
}
