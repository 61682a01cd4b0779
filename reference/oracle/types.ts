/**
 * Types of the float64 oracle: plain row-major Float64Array matrices, parameters by
 * canonical name (the names and [out, in] layout of `harness/contract.ts`), and the
 * three operations every model offers.
 */
import type { GruConvention, RecurrentSpec } from '../../harness/contract';

/** A dense row-major float64 array, e.g. shape [B, H] or [out, in]. */
export interface Mat { shape: number[]; data: Float64Array }

/** Parameters (or their gradients) by canonical name, e.g. `W_gx`, `fwd.b_o`, `embedding`. */
export type OracleParams = Record<string, Mat>;

/** The contract's spec plus the GRU convention (default `update-takes-new`, the 2020 course's). */
export type OracleSpec = RecurrentSpec & { gru?: GruConvention };

export interface OracleForward {
  /** p = W_ph h(T) + b_p, [B, K] */
  logits: Mat;
  /** h(t) for t = 1 … T, each [B, H]; biLSTM: [B, 2H] per t as h_fwd(t) ‖ h_bwd(t) */
  hidden: Mat[];
}

export interface OracleLossAndGradients {
  /** mean over the batch of the softmax cross-entropy at the last step */
  loss: number;
  logits: Mat;
  /** ∂loss/∂θ for every parameter θ, same names and shapes as the parameters */
  grads: OracleParams;
  /**
   * ∂loss/∂h(t) for t = 1 … T, each [B, H] (biLSTM: [B, 2H] as fwd ‖ bwd): the total
   * derivative through every later step — the 2019 question's "gradient magnitudes over time".
   */
  dHidden: Mat[];
}

export interface OracleModel {
  /** Canonical parameter names and shapes for `spec` (including `W_ph`, `b_p`, and `embedding` for embedding inputs). */
  paramShapes(spec: OracleSpec): Record<string, number[]>;
  /** tokens [B][T] → last-step logits and every hidden state. */
  forward(params: OracleParams, tokens: number[][], spec: OracleSpec): OracleForward;
  /** Loss and hand-derived BPTT gradients of the mean last-step cross-entropy. */
  lossAndGradients(params: OracleParams, tokens: number[][], targets: number[], spec: OracleSpec): OracleLossAndGradients;
}
