/**
 * Bidirectional LSTM, 2020 PDF eqs. 14–28: a forward LSTM (`fwd.*`) over t = 1 … T and
 * a backward LSTM with its own parameters (`bwd.*`) over t = T … 1, each starting from
 * zeros; the classifier reads H = [h_fwd(T) ; h_bwd(1)] (2H features, the PDF's h_bwd(0)
 * after the last backward step): p = W_ph H + b_p, W_ph [K, 2H].
 */
import { backCell, runCell } from './cell';
import { headShapes, prepare } from './classifier';
import { checkSpec, encode, encodeBack, inputDim, inputShapes } from './inputs';
import { softmaxCrossEntropy } from './loss';
import { lstmCell, lstmShapes } from './lstm';
import { affine, affineBack, mat } from './mat';
import { zeroGrads } from './params';
import type { OracleModel, OracleParams, OracleSpec } from './types';

const prefixed = (prefix: string, shapes: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [prefix + name, shape]));

/** Row-wise a ‖ b: [B, H] and [B, H] → [B, 2H]. */
function concatRows(a: Float64Array, b: Float64Array, B: number, H: number): Float64Array {
  const out = new Float64Array(B * 2 * H);
  for (let r = 0; r < B; r++) {
    out.set(a.subarray(r * H, (r + 1) * H), r * 2 * H);
    out.set(b.subarray(r * H, (r + 1) * H), r * 2 * H + H);
  }
  return out;
}

/** Inverse of {@link concatRows}: [B, 2H] → ([B, H], [B, H]). */
function splitRows(ab: Float64Array, B: number, H: number): [Float64Array, Float64Array] {
  const a = new Float64Array(B * H), b = new Float64Array(B * H);
  for (let r = 0; r < B; r++) {
    a.set(ab.subarray(r * 2 * H, r * 2 * H + H), r * H);
    b.set(ab.subarray(r * 2 * H + H, (r + 1) * 2 * H), r * H);
  }
  return [a, b];
}

function run(params: OracleParams, G: OracleParams, tokens: number[][], spec: OracleSpec) {
  const B = tokens.length, H = spec.hiddenDim, K = spec.numClasses;
  const xs = encode(params, tokens, spec);                               // T × [B, D]
  const fwdCell = lstmCell.make(params, G, B, spec, 'fwd.');
  const bwdCell = lstmCell.make(params, G, B, spec, 'bwd.');
  const fwd = runCell(fwdCell, xs, B, H);                                // t = 1 … T
  const bwd = runCell(bwdCell, xs, B, H, true);                          // t = T … 1
  const features = concatRows(fwd.states[xs.length - 1].h, bwd.states[0].h, B, H);  // [B, 2H]
  const logits = mat([B, K], affine(params, B, [['W_ph', features]], 'b_p'));
  return { xs, fwdCell, bwdCell, fwd, bwd, features, logits };
}

export const biLSTM: OracleModel = {
  paramShapes(spec) {
    checkSpec('oracle.biLSTM.paramShapes', spec);
    const D = inputDim(spec), H = spec.hiddenDim;
    return {
      ...inputShapes(spec),
      ...prefixed('fwd.', lstmShapes(D, H)),
      ...prefixed('bwd.', lstmShapes(D, H)),
      ...headShapes(spec.numClasses, 2 * H),
    };
  },

  forward(params, tokens, spec) {
    const [B] = prepare('oracle.biLSTM.forward', biLSTM, params, tokens, spec);
    const H = spec.hiddenDim;
    const { fwd, bwd, logits } = run(params, zeroGrads(biLSTM.paramShapes(spec)), tokens, spec);
    const hidden = fwd.states.map((s, t) => mat([B, 2 * H], concatRows(s.h, bwd.states[t].h, B, H)));
    return { logits, hidden };
  },

  lossAndGradients(params, tokens, targets, spec) {
    const [B] = prepare('oracle.biLSTM.lossAndGradients', biLSTM, params, tokens, spec);
    const H = spec.hiddenDim;
    const G = zeroGrads(biLSTM.paramShapes(spec));
    const { xs, fwdCell, bwdCell, fwd, bwd, features, logits } = run(params, G, tokens, spec);
    const { loss, dLogits } = softmaxCrossEntropy(logits, targets);

    const dFeatures = new Float64Array(B * 2 * H);
    affineBack(params, G, B, dLogits.data, [['W_ph', features]], 'b_p', [dFeatures]);
    const [dhFwdT, dhBwd1] = splitRows(dFeatures, B, H);
    const dxs = xs.map((x) => new Float64Array(x.length));
    const dFwd = backCell(fwdCell, fwd.caches, dhFwdT, dxs);
    const dBwd = backCell(bwdCell, bwd.caches, dhBwd1, dxs, true);
    encodeBack(G, tokens, spec, dxs);
    const dHidden = dFwd.map((d, t) => mat([B, 2 * H], concatRows(d, dBwd[t], B, H)));
    return { loss, logits, grads: G, dHidden };
  },
};
