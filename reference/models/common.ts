/**
 * What every reference sequence classifier shares: seeded initialisation, the input
 * projection hoisted out of the time loop (one matmul for all T·B positions, gates fused),
 * the fused recurrent weights, and the output layer.
 *
 * Speed notes (tfjs on wasm): gathers have no gradient kernel on wasm, so one-hot and
 * embedding inputs go through `oneHot(tokens) · table` — a [T·B, V]·[V, G] product with a
 * small V, not a per-step lookup. Transposes are explicit (`transpose(W)`), never the
 * matMul flags, which the wasm kernel runs far slower.
 */
import * as tf from '@tensorflow/tfjs';
import type { Params, RecurrentSpec } from '../../harness/contract';
import { makeRng } from '../data/rng';

export type Shapes = Record<string, number[]>;

const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Throws "<where> requires …, got …" when the spec cannot describe a model. */
export function checkSpec(where: string, spec: RecurrentSpec): void {
  for (const key of ['vocabSize', 'numClasses', 'hiddenDim'] as const) {
    if (!positiveInt(spec?.[key])) throw new Error(`${where} requires spec.${key} to be a positive integer, got ${JSON.stringify(spec?.[key])}.`);
  }
  const kind = spec.input?.kind;
  if (kind !== 'one-hot' && kind !== 'embedding' && kind !== 'scalar') {
    throw new Error(`${where} requires spec.input.kind to be 'one-hot', 'embedding' or 'scalar', got ${JSON.stringify(kind)}.`);
  }
  if (spec.input.kind === 'embedding' && !positiveInt(spec.input.dim)) {
    throw new Error(`${where} requires spec.input.dim (the embedding size) to be a positive integer, got ${JSON.stringify(spec.input.dim)}.`);
  }
}

/**
 * How a reference recurrence computes its steps and their gradient: an explicit option of
 * each recurrent model's factory (`makeLstm`, `makePeepLSTM`, `makeGru`, `makeTimeGatedLSTM`):
 * - `fused`: on the wasm backend, the model's two fused whole-sequence kernels, forward and
 *   BPTT (`*-wasm-kernels.ts`); on other backends the LSTM's hand-written BPTT in tfjs ops
 *   (`lstm-sequence.ts`) and the tape for the others;
 * - `tape`: tfjs's autodiff of the per-step ops, on every backend;
 * - `hand-written` (LSTM only): the LSTM's BPTT in tfjs ops, on every backend.
 * The reference models use {@link DEFAULT_BACKWARD}; the other paths exist for the
 * benchmarks and for the tests that check each against the float64 oracle.
 */
export type Backward = 'fused' | 'tape';
/** The reference's choice: the fused kernels where they exist, the fastest path measured (`npm run bench -- recurrent-step`). */
export const DEFAULT_BACKWARD = 'fused' as const;
const BACKWARDS: readonly Backward[] = ['fused', 'tape'];

/** Throws "<where> requires …, got …" unless `options.backward` is one of `allowed`. */
export function checkBackward(where: string, options: { backward: string }, allowed: readonly string[] = BACKWARDS): void {
  if (!allowed.includes(options?.backward)) {
    throw new Error(`${where} requires options.backward among ${allowed.join(', ')}, got ${JSON.stringify(options?.backward)}.`);
  }
}

/** D, the size of x(t): V for one-hot, E for an embedding, 1 for a raw scalar. */
export function inputDim(spec: RecurrentSpec): number {
  switch (spec.input.kind) {
    case 'one-hot': return spec.vocabSize;
    case 'embedding': return spec.input.dim;
    case 'scalar': return 1;
  }
}

/** The input's own parameters (`embedding` [V, E]) and the output layer (`W_ph` [K, F], `b_p` [K]). */
export function inputAndHeadShapes(spec: RecurrentSpec, features: number): Shapes {
  return {
    ...(spec.input.kind === 'embedding' ? { embedding: [spec.vocabSize, spec.input.dim] } : {}),
    W_ph: [spec.numClasses, features],
    b_p: [spec.numClasses],
  };
}

/** A standard normal draw (Box–Muller) from the seeded stream. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Seeded parameters, generated in plain JavaScript so a seed gives the same values on every
 * backend. Each parameter has its own stream (`seed/name`), so adding one leaves the others
 * unchanged. The 2020 course's choice, Kaiming-normal (torch's `kaiming_normal_`, fan-in
 * mode): a weight [out, in] is N(0, 2/in); biases start at 0; an `embedding` is N(0, 1)
 * (torch.nn.Embedding). With one-hot inputs the x-weights (fan-in V) start large enough for
 * the peephole cell input σ(W_cx x + b_c) to tell the digits apart from the first step.
 */
export function initParams(shapes: Shapes, seed: number): Params {
  if (!Number.isSafeInteger(seed)) throw new Error(`init requires an integer seed, got ${seed}.`);
  const params: Params = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const rng = makeRng(`netgrade-init/${seed}/${name}`);
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name === 'embedding') values.forEach((_, k) => { values[k] = gaussian(rng.random); });
    else if (shape.length === 2) {
      const std = Math.sqrt(2 / shape[1]);
      values.forEach((_, k) => { values[k] = std * gaussian(rng.random); });
    }                                                     // biases stay 0
    params[name] = tf.tensor(values, shape);
  }
  return params;
}

/** params[name], or an error naming the missing parameter and its expected shape. */
export function param(where: string, params: Params, name: string, shape: number[]): tf.Tensor {
  const p = params[name];
  if (!p || p.shape.length !== shape.length || p.shape.some((v, k) => v !== shape[k])) {
    throw new Error(`${where} requires params.${name} of shape [${shape.join(', ')}], got ${p ? `[${p.shape.join(', ')}]` : 'nothing'}.`);
  }
  return p;
}

/** Checks every parameter of `shapes` is present with its shape; returns the tokens' [B, T]. */
export function checkInputs(where: string, params: Params, tokens: tf.Tensor2D, shapes: Shapes): [number, number] {
  for (const [name, shape] of Object.entries(shapes)) param(where, params, name, shape);
  if (!tokens || tokens.rank !== 2 || tokens.shape[0] < 1 || tokens.shape[1] < 1) {
    throw new Error(`${where} requires tokens as a non-empty [B, T] tensor, got ${tokens ? `shape [${tokens.shape.join(', ')}]` : tokens}.`);
  }
  return [tokens.shape[0], tokens.shape[1]];
}

/** Row-wise stacking of gate weights [out, in] into one [Σout, in] and its transpose [in, Σout]. */
export function fusedT(params: Params, names: string[]): tf.Tensor2D {
  return tf.transpose(tf.concat(names.map((n) => params[n] as tf.Tensor2D), 0));
}

/**
 * The input projection of every step, gates fused, as a table and an index: row
 * `index[t, b]` of `table` [R, G] is x(t)·[W_ax ‖ W_bx ‖ …]ᵀ + [b_a ‖ b_b ‖ …] of sequence b,
 * t = 1 … T (G = Σ gate sizes). A one-hot x(t) times Wᵀ is one row of Wᵀ, so for one-hot
 * and embedding inputs the table has one row per token (R = V, the bias folded in) and the
 * index is the tokens, time-major; for scalar inputs the table holds the T·B projections
 * and the index counts them. `reverse` reads the tokens from x(T) to x(1) (the backward
 * cell of the biLSTM). The fused kernels read rows of the table directly and sum the
 * gradient into its rows, so [T, B, G] is never materialised on their path.
 */
export function inputProjection(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec, prefix: string, gates: string[], reverse = false): { table: tf.Tensor2D; index: tf.Tensor2D } {
  const [B, T] = tokens.shape;
  const WxT = fusedT(params, gates.map((g) => `${prefix}W_${g}x`));                       // [D, G]
  const bias = tf.concat(gates.map((g) => params[`${prefix}b_${g}`] as tf.Tensor1D));        // [G]
  const timeMajor = tf.transpose(reverse ? tf.reverse(tokens, 1) : tokens);                 // [T, B]
  if (spec.input.kind === 'scalar') {
    const projected = tf.matMul(tf.reshape(tf.cast(timeMajor, 'float32'), [T * B, 1]), WxT);       // [T·B, G]
    return { table: tf.add(projected, bias), index: tf.reshape(tf.range(0, T * B, 1, 'int32'), [T, B]) };
  }
  const table = spec.input.kind === 'embedding' ? tf.matMul(params.embedding as tf.Tensor2D, WxT) : WxT;   // [V, G]
  return { table: tf.add(table, bias), index: tf.cast(timeMajor, 'int32') };
}

/**
 * The input projection of every step at once, time-major, [T, B, G]: the rows of
 * {@link inputProjection}'s table picked by its index — a gather, so the backward pass sums
 * V rows instead of T·B (measured in `npm run bench -- lstm-step`: the one-hot product and
 * the bias sum took ~30 ms of a step).
 */
export function projectInputs(params: Params, tokens: tf.Tensor2D, spec: RecurrentSpec, prefix: string, gates: string[], reverse = false): tf.Tensor3D {
  const { table, index } = inputProjection(params, tokens, spec, prefix, gates, reverse);
  return tf.gather(table, index) as unknown as tf.Tensor3D;                                          // [T, B, G]
}

/**
 * The steps of a time-major [T, B, G] as T × [B, G]: `tf.unstack`, except at T = 1, where
 * tfjs cannot differentiate Unpack (its one gradient arrives as a tensor, not a list) and
 * a reshape does the same.
 */
export function timeSteps(ax: tf.Tensor3D): tf.Tensor2D[] {
  const [T, B, G] = ax.shape;
  return T === 1 ? [tf.reshape(ax, [B, G])] : (tf.unstack(ax) as tf.Tensor2D[]);
}

/** p = W_ph h + b_p: [B, F] → [B, K]. */
export function outputLayer(params: Params, h: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(h, tf.transpose(params.W_ph as tf.Tensor2D)), params.b_p);
}
