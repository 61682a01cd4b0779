/**
 * The little linear algebra the oracle needs, on row-major Float64Arrays.
 *
 * Activations are flat [B, n] arrays; weights are `Mat`s in the contract's [out, in]
 * layout, applied as W·x, i.e. a batch computes y[b, o] = Σ_i W[o, i] · x[b, i].
 */
import type { Mat, OracleParams } from './types';

export function mat(shape: number[], data?: Float64Array): Mat {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data && data.length !== size) throw new Error(`mat requires ${size} values for shape [${shape.join(', ')}], got ${data.length}`);
  return { shape: [...shape], data: data ?? new Float64Array(size) };
}

export function zerosLike(params: OracleParams): OracleParams {
  const out: OracleParams = {};
  for (const [name, m] of Object.entries(params)) out[name] = mat(m.shape);
  return out;
}

/** One term W·x of a pre-activation: the weight's name and its [B, in] input. */
export type Term = [weight: string, input: Float64Array];

/**
 * a = Σ_terms W·x + b, [B, out]. `bias` may be null (e.g. a layer without bias).
 */
export function affine(P: OracleParams, B: number, terms: Term[], bias: string | null): Float64Array {
  const out = (bias ? P[bias] : P[terms[0][0]]).shape[0];
  const a = new Float64Array(B * out);
  for (const [w, x] of terms) {
    const W = P[w].data, inDim = P[w].shape[1];
    for (let b = 0; b < B; b++) {
      for (let o = 0; o < out; o++) {
        let s = 0;
        for (let i = 0; i < inDim; i++) s += W[o * inDim + i] * x[b * inDim + i];
        a[b * out + o] += s;
      }
    }
  }
  if (bias) {
    const bv = P[bias].data;
    for (let b = 0; b < B; b++) for (let o = 0; o < out; o++) a[b * out + o] += bv[o];
  }
  return a;
}

/**
 * Backward of {@link affine}: given dA = ∂L/∂a [B, out], accumulates ∂L/∂W = dAᵀ·x and
 * ∂L/∂b = Σ_b dA into G, and ∂L/∂x = dA·W into the matching `dInputs` entry (null = not needed).
 */
export function affineBack(
  P: OracleParams, G: OracleParams, B: number, dA: Float64Array,
  terms: Term[], bias: string | null, dInputs: (Float64Array | null)[],
): void {
  terms.forEach(([w, x], k) => {
    const W = P[w].data, dW = G[w].data, [out, inDim] = P[w].shape;
    const dx = dInputs[k];
    for (let b = 0; b < B; b++) {
      for (let o = 0; o < out; o++) {
        const d = dA[b * out + o];
        if (d === 0) continue;
        for (let i = 0; i < inDim; i++) {
          dW[o * inDim + i] += d * x[b * inDim + i];
          if (dx) dx[b * inDim + i] += d * W[o * inDim + i];
        }
      }
    }
  });
  if (bias) {
    const db = G[bias].data, out = db.length;
    for (let b = 0; b < B; b++) for (let o = 0; o < out; o++) db[o] += dA[b * out + o];
  }
}

// ---- elementwise, on equal-length arrays --------------------------------------------

const map = (a: Float64Array, f: (v: number, k: number) => number): Float64Array => {
  const y = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) y[k] = f(a[k], k);
  return y;
};
export const sigmoid = (a: Float64Array) => map(a, (v) => 1 / (1 + Math.exp(-v)));
export const tanh = (a: Float64Array) => map(a, Math.tanh);
export const add = (a: Float64Array, b: Float64Array) => map(a, (v, k) => v + b[k]);
export const sub = (a: Float64Array, b: Float64Array) => map(a, (v, k) => v - b[k]);
export const mul = (a: Float64Array, b: Float64Array) => map(a, (v, k) => v * b[k]);
export const scale = (a: Float64Array, s: number) => map(a, (v) => v * s);
export const oneMinus = (a: Float64Array) => map(a, (v) => 1 - v);
/** σ'(a) written in terms of y = σ(a): y(1 − y) */
export const dSigmoid = (y: Float64Array) => map(y, (v) => v * (1 - v));
/** tanh'(a) written in terms of y = tanh(a): 1 − y² */
export const dTanh = (y: Float64Array) => map(y, (v) => 1 - v * v);
/** a += b in place */
export function addInto(a: Float64Array, b: Float64Array): void {
  for (let k = 0; k < a.length; k++) a[k] += b[k];
}
