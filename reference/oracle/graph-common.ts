/**
 * What the GCN and GAT oracles share: named float64 arrays (the contract's parameter names,
 * graph weights [in, out]), σ and its derivative, the spec checks. Structurally the same
 * `{ shape, data }` as the Part 1 oracle's `Mat`.
 */
import type { GraphLayerSpec } from '../../harness/contract';

export interface Tensor64 { shape: number[]; data: Float64Array }
export type NamedTensors64 = Record<string, Tensor64>;

export type GraphActivation = NonNullable<GraphLayerSpec['activation']>;

export interface GraphOracleGradients {
  /** Σ(out ⊙ R) */
  loss: number;
  out: Tensor64;
  /** ∂loss/∂θ by parameter name */
  params: NamedTensors64;
  /** ∂loss/∂H [N, in] */
  features: Tensor64;
}

export const tensor64 = (shape: number[], data?: ArrayLike<number>): Tensor64 => {
  const size = shape.reduce((a, b) => a * b, 1);
  if (data && data.length !== size) throw new Error(`tensor64 requires ${size} values for shape [${shape}], got ${data.length}.`);
  return { shape, data: data ? Float64Array.from(data) : new Float64Array(size) };
};

/** σ(x): ReLU (the course's default) or the identity. */
export const activate = (x: number, activation: GraphActivation): number => (activation === 'relu' ? Math.max(0, x) : x);
/** σ'(x); ReLU'(0) is taken as 0 (gradient checks stay away from 0, see the tests). */
export const activateGrad = (x: number, activation: GraphActivation): number => (activation === 'relu' ? (x > 0 ? 1 : 0) : 1);

export function checkGraphSpec(where: string, spec: GraphLayerSpec, features: Tensor64, numNodes: number): void {
  for (const key of ['inFeatures', 'outFeatures'] as const) {
    const v = spec?.[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Error(`${where} requires spec.${key} to be a positive integer, got ${JSON.stringify(v)}.`);
  }
  const act = spec.activation ?? 'relu';
  if (act !== 'relu' && act !== 'identity') throw new Error(`${where} requires spec.activation 'relu' or 'identity', got ${JSON.stringify(act)}.`);
  if (features.shape.length !== 2 || features.shape[0] !== numNodes || features.shape[1] !== spec.inFeatures) {
    throw new Error(`${where} requires features of shape [numNodes, inFeatures] = [${numNodes}, ${spec.inFeatures}], got [${features.shape}].`);
  }
}

export function checkParam(where: string, params: NamedTensors64, name: string, shape: number[]): Tensor64 {
  const p = params[name];
  if (!p || p.shape.length !== shape.length || p.shape.some((d, k) => d !== shape[k])) {
    throw new Error(`${where} requires parameter ${name} of shape [${shape}], got ${p ? `[${p.shape}]` : 'none'}.`);
  }
  return p;
}

/** X·W for X [N, F] and W [F, O] → [N, O] */
export function project(x: Tensor64, w: Tensor64): Tensor64 {
  const [n, f] = x.shape, o = w.shape[1];
  const out = tensor64([n, o]);
  for (let i = 0; i < n; i++) for (let k = 0; k < f; k++) {
    const xik = x.data[i * f + k];
    for (let j = 0; j < o; j++) out.data[i * o + j] += xik * w.data[k * o + j];
  }
  return out;
}

/** Xᵀ·Y for X [N, F] and Y [N, O] → [F, O] (the gradient of a projection's weight) */
export function projectGradWeight(x: Tensor64, dy: Tensor64): Tensor64 {
  const [n, f] = x.shape, o = dy.shape[1];
  const out = tensor64([f, o]);
  for (let i = 0; i < n; i++) for (let k = 0; k < f; k++) {
    const xik = x.data[i * f + k];
    for (let j = 0; j < o; j++) out.data[k * o + j] += xik * dy.data[i * o + j];
  }
  return out;
}

/** dY·Wᵀ for dY [N, O] and W [F, O] → [N, F] (the gradient of a projection's input), added into `into` */
export function projectGradInput(dy: Tensor64, w: Tensor64, into: Tensor64): void {
  const [n, o] = dy.shape, f = w.shape[0];
  for (let i = 0; i < n; i++) for (let k = 0; k < f; k++) {
    let s = 0;
    for (let j = 0; j < o; j++) s += dy.data[i * o + j] * w.data[k * o + j];
    into.data[i * f + k] += s;
  }
}
