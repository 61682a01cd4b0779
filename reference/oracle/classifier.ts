/**
 * A sequence-to-one classifier from a cell: x(t) = encode(token(t)); the cell runs over
 * t = 1 … T; p = W_ph h(T) + b_p; loss = mean over the batch of the softmax cross-entropy
 * of p. The backward pass runs the same path in reverse (BPTT).
 */
import { backCell, runCell, type CellDef } from './cell';
import { checkSpec, checkTokens, encode, encodeBack, inputDim, inputShapes } from './inputs';
import { softmaxCrossEntropy } from './loss';
import { affine, affineBack, mat } from './mat';
import { checkParams, zeroGrads } from './params';
import type { OracleModel, OracleParams, OracleSpec } from './types';

/** Output layer shapes for F features: W_ph [K, F], b_p [K]. */
export const headShapes = (K: number, F: number) => ({ W_ph: [K, F], b_p: [K] });

/** Validates spec, tokens and params; returns [B, T]. */
export function prepare(where: string, model: OracleModel, params: OracleParams, tokens: number[][], spec: OracleSpec): [number, number] {
  checkSpec(where, spec);
  const [B, T] = checkTokens(where, tokens, spec);
  checkParams(where, params, model.paramShapes(spec));
  return [B, T];
}

export function sequenceClassifier(name: string, def: CellDef): OracleModel {
  const model: OracleModel = {
    paramShapes(spec) {
      checkSpec(`oracle.${name}.paramShapes`, spec);
      const H = spec.hiddenDim;
      const cell = def.shapes(inputDim(spec), H, spec);
      if (spec.gateBiases === false && Object.keys(cell).some((n) => n.startsWith('b_'))) {
        throw new Error(`oracle.${name}.paramShapes requires spec.gateBiases unset or true (only the GRU runs without gate biases), got false`);
      }
      return { ...inputShapes(spec), ...cell, ...headShapes(spec.numClasses, H) };
    },

    forward(params, tokens, spec) {
      const [B] = prepare(`oracle.${name}.forward`, model, params, tokens, spec);
      const H = spec.hiddenDim, K = spec.numClasses;
      const xs = encode(params, tokens, spec);                           // T × [B, D]
      const cell = def.make(params, zeroGrads(model.paramShapes(spec)), B, spec);
      const { states } = runCell(cell, xs, B, H);
      const hT = states[states.length - 1].h;                            // [B, H]
      const logits = mat([B, K], affine(params, B, [['W_ph', hT]], 'b_p'));
      return { logits, hidden: states.map((s) => mat([B, H], s.h)) };
    },

    lossAndGradients(params, tokens, targets, spec) {
      const [B] = prepare(`oracle.${name}.lossAndGradients`, model, params, tokens, spec);
      const H = spec.hiddenDim, K = spec.numClasses;
      const G = zeroGrads(model.paramShapes(spec));
      const xs = encode(params, tokens, spec);                           // T × [B, D]
      const cell = def.make(params, G, B, spec);
      const { states, caches } = runCell(cell, xs, B, H);
      const hT = states[states.length - 1].h;                            // [B, H]
      const logits = mat([B, K], affine(params, B, [['W_ph', hT]], 'b_p'));
      const { loss, dLogits } = softmaxCrossEntropy(logits, targets);

      const dhT = new Float64Array(B * H);
      affineBack(params, G, B, dLogits.data, [['W_ph', hT]], 'b_p', [dhT]);
      const dxs = xs.map((x) => new Float64Array(x.length));
      const dH = backCell(cell, caches, dhT, dxs);                     // ∂L/∂h(t), T × [B, H]
      encodeBack(G, tokens, spec, dxs);
      return { loss, logits, grads: G, dHidden: dH.map((d) => mat([B, H], d)) };
    },
  };
  return model;
}
