/**
 * The submission contract — the source of truth for what a submission implements.
 *
 * A submission is a folder `submissions/<name>/` with an `index.ts` (or `index.js`) whose
 * default export is a {@link Submission}. Every part is optional: a missing part scores zero
 * with "not submitted", it never crashes grading. A submission may import
 * `@tensorflow/tfjs` and its own files, nothing that writes files or starts processes.
 *
 * Conventions every model follows:
 * - Parameters are a flat record of tensors with the canonical names below.
 * - Recurrent weights are `[out, in]` and applied as `W·x` (so `W_hx` is `[H, D]`);
 *   graph weights are `[in, out]` and applied as `H·W`.
 * - `forward` is pure: it must not dispose, modify or keep its inputs or parameters, and
 *   must not leave tensors behind other than its output (wrap the body in `tf.tidy`).
 * - Time starts at 1: the first input is x(1), and the time gate sees t = 1 … T.
 */
import type * as tf from '@tensorflow/tfjs';

/** Parameters by canonical name, e.g. `W_hx`, `fwd.W_gx`, `l0.b_o`. */
export type Params = Record<string, tf.Tensor>;

/** How tokens enter a recurrent model. */
export type InputEncoding =
  /** one-hot vectors of length `vocabSize` (2018/2019 digit palindromes) */
  | { kind: 'one-hot' }
  /**
   * a learned `embedding` [vocabSize, dim] (2020: "use nn.Embedding"). x(t) is row
   * tokens[t] of it: `tf.gather(embedding, tokens)` (netgrade registers the kernel its
   * gradient needs on the wasm backend) or `tf.matMul(tf.oneHot(tokens, V), embedding)`.
   */
  | { kind: 'embedding'; dim: number }
  /** the token's value as a single float feature (the 2018 template's raw digits) */
  | { kind: 'scalar' };

/** The 2018 time gate's parameters: period τ, phase shift s, open ratio r_on, leak α (default 0). */
export interface TimeGateParams { tau: number; s: number; rOn: number; alpha?: number }

export interface RecurrentSpec {
  /** distinct input tokens (10 digits; 3 for the 2020 binary encodings pad/0/1) */
  vocabSize: number;
  /** K, the number of classes of the last-step prediction */
  numClasses: number;
  /** H, the hidden size (per direction for the biLSTM) */
  hiddenDim: number;
  input: InputEncoding;
  /**
   * the time-gated LSTM's gate; required for `timeGatedLSTM`. Step t (t = 1 … T) uses
   * k(t): c(t) = k⊙c̃(t) + (1−k)⊙c(t−1), h̃(t) = tanh(c(t))⊙o, h(t) = k⊙h̃(t) + (1−k)⊙h(t−1).
   */
  timeGate?: TimeGateParams;
  /**
   * `false`: the GRU has no gate biases (`b_z`, `b_r`, `b_g` absent), as the 2020 PDF's
   * eqs. 29–34 read. Only for the GRU; default true. netgrade sets it only for a PyTorch GRU
   * of the 2020 template that holds none; a tfjs submission never receives it.
   */
  gateBiases?: boolean;
}

/**
 * A sequence-to-one classifier: vanillaRNN, lstm, peepLSTM, gru, biLSTM, timeGatedLSTM.
 *
 * Canonical parameter names ([out, in] layout), plus `W_ph` [K, H] and `b_p` [K] for the
 * output layer (biLSTM: `W_ph` [K, 2H]) and `embedding` [V, E] for embedding inputs:
 * - vanillaRNN: `W_hx, W_hh, b_h`
 * - lstm, timeGatedLSTM: `W_gx, W_gh, b_g, W_ix, W_ih, b_i, W_fx, W_fh, b_f, W_ox, W_oh, b_o`
 * - peepLSTM (2020): `W_fx, W_fh, b_f, W_ix, W_ih, b_i, W_ox, W_oh, b_o, W_cx, b_c`
 *   (the `*h` matrices act on c(t−1); the cell input is σ(W_cx x + b_c))
 * - gru: `W_zx, W_zh, b_z, W_rx, W_rh, b_r, W_gx, W_gh, b_g` (update rule: `conventions.gru`)
 * - biLSTM: the LSTM names prefixed `fwd.` and `bwd.`
 */
export interface SequenceClassifier {
  /**
   * Fresh parameters for `spec`; the same seed must give the same parameters and another
   * seed different ones. Read every size from `spec` (the grader probes two sizes).
   * tfjs treats a seed of 0 as "no seed" (`tf.randomNormal(shape, 0, 1, 'float32', 0)` is
   * random every call), so derive non-zero seeds, e.g. `seed * 1000 + k + 1` for tensor k.
   */
  init(spec: RecurrentSpec, seed: number): Params;
  /**
   * tokens [B, T] int32 → [B, K] at the last step: the logits p = W_ph h(T) + b_p, or
   * log-probabilities (log-softmax over the classes, axis 1) — both are accepted; not
   * probabilities. Row b depends on sequence b only. Pure: wrap the body in `tf.tidy`,
   * never dispose or reassign `params`. The grader calls it on parameters it sends (your
   * own `init`'s, and random ones of the canonical shapes), so use only what is passed in.
   */
  forward(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec): tf.Tensor2D;
  /**
   * Optional: hand-derived BPTT gradients of the mean last-step cross-entropy
   * L = −(1/B) Σ_b log softmax(p_b)[y_b], by parameter name (same names and shapes as
   * `params`). Compared with tf.grads through your own `forward`.
   */
  gradients?(params: Params, tokens: tf.Tensor2D, targets: tf.Tensor1D, spec: RecurrentSpec): Params;
}

export interface TextGeneratorSpec { vocabSize: number; embeddingDim: number; hiddenDim: number; numLayers: number }

/**
 * Character-level generator: `embedding` [V, E]; per layer `l0.W_gx` … `l1.b_o` (LSTM
 * names); output `W_ph` [V, H], `b_p` [V].
 */
export interface TextGenerator {
  init(spec: TextGeneratorSpec, seed: number): Params;
  /** tokens [B, T] → logits [B, T, V] at every step (teacher forcing); pure. */
  forward(params: Params, tokens: tf.Tensor2D, spec: TextGeneratorSpec): tf.Tensor3D;
  /** One step of generation: tokens [B] and the previous state (null at the start) → logits [B, V]. */
  step(params: Params, state: unknown | null, tokens: tf.Tensor1D, spec: TextGeneratorSpec): { logits: tf.Tensor2D; state: unknown };
  /**
   * Optional: temperature sampling. Draws one token per row of logits [B, V] at temperature
   * τ under the declared `conventions.temperature` (`multiply`, the course's: softmax(τ·x);
   * `divide`: softmax(x/τ)) → tokens [B] int32; the same seed must give the same tokens.
   * Graded by a chi-square goodness-of-fit test of many draws from harness-chosen logits
   * against the declared convention's distribution at τ ∈ {0.5, 1, 2}
   * (harness/checks/text/temperature.ts); without it that check scores zero, "not submitted".
   */
  sample?(logits: tf.Tensor2D, tau: number, seed: number): tf.Tensor1D;
}

/** Undirected graph without self-loops; nodes are 0 … numNodes−1. */
export interface Graph { numNodes: number; edges: Array<[number, number]> }
export interface GraphLayerSpec { inFeatures: number; outFeatures: number; activation?: 'relu' | 'identity' }

/** gcn: `W` [in, out] (optional `b` [out]); gat (one head): `W` [in, out], `a` [2·out]. */
export interface GraphLayer {
  init(spec: GraphLayerSpec, seed: number): Params;
  /** features [N, in] → [N, out] */
  forward(params: Params, features: tf.Tensor2D, graph: Graph, spec: GraphLayerSpec): tf.Tensor2D;
}

/** Which GRU update rule: 2020's h = (1−z)⊙h(t−1) + z⊙h̃, or the sibling course's h = z⊙h(t−1) + (1−z)⊙g. */
export type GruConvention = 'update-takes-new' | 'update-keeps-old';
/** How temperature τ enters sampling: softmax(τ·x) (the course's) or softmax(x/τ). */
export type TemperatureConvention = 'multiply' | 'divide';

export interface Conventions { gru?: GruConvention; temperature?: TemperatureConvention }

export const SEQUENCE_MODELS = ['vanillaRNN', 'lstm', 'peepLSTM', 'gru', 'biLSTM', 'timeGatedLSTM'] as const;
export type SequenceModelName = (typeof SEQUENCE_MODELS)[number];
export const GRAPH_MODELS = ['gcn', 'gat'] as const;
export type GraphModelName = (typeof GRAPH_MODELS)[number];
export type ModelName = SequenceModelName | 'textGenerator' | GraphModelName;

export interface Submission {
  author?: string;
  models?: Partial<Record<SequenceModelName, SequenceClassifier>> &
    Partial<Record<GraphModelName, GraphLayer>> & { textGenerator?: TextGenerator };
  /**
   * The 2018 time gate k(t) for one time step t (t = 1 … T): φ = ((t − s) mod τ)/τ with a
   * floored mod (φ ∈ [0, 1) also for t < s — JavaScript's `%` truncates), k = 2φ/r_on while
   * φ < r_on/2, 2 − 2φ/r_on while φ < r_on, α·φ otherwise (α defaults to 0).
   */
  timeGate?: (t: number, p: TimeGateParams) => number;
  conventions?: Conventions;
}
