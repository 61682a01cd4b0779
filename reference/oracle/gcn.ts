/**
 * GCN layer oracle (float64, framework-free, edge-list form so it scales with edges):
 *
 *   Z  = Â H W + b        H [N, in], W [in, out], b [out] (optional)
 *   H' = σ(Z)             σ = ReLU (default) or identity
 *
 * Backward for the loss L = Σ(H' ⊙ R), by hand:
 *   dZ = R ⊙ σ'(Z)
 *   dW = (Â H)ᵀ dZ        db = Σ_i dZ_i        dH = Âᵀ dZ Wᵀ
 *
 * `adjacency` selects Â or one of the known mistakes (see AdjacencyVariant), so a
 * submission's answer can be compared with what each mistake would give.
 */
import type { Graph, GraphLayerSpec } from '../../harness/contract';
import type { AdjacencyVariant } from '../graph/adjacency';
import { type MessageEdges, messageEdges } from '../graph/edges';
import {
  type GraphOracleGradients, type NamedTensors64, type Tensor64, activate, activateGrad, checkGraphSpec, checkParam,
  project, projectGradInput, projectGradWeight, tensor64,
} from './graph-common';

export interface GcnOracleOptions {
  /** which propagation matrix (default 'symmetric', the course's Â) */
  adjacency?: AdjacencyVariant;
}

/** Canonical parameter shapes: W [in, out], and b [out] when `withBias`. */
export function gcnShapes(spec: GraphLayerSpec, withBias = false): Record<string, number[]> {
  return { W: [spec.inFeatures, spec.outFeatures], ...(withBias ? { b: [spec.outFeatures] } : {}) };
}

/** Y = M X for the sparse matrix M of `m` (or Mᵀ X when `transposed`). */
export function propagate(m: MessageEdges, x: Tensor64, transposed = false): Tensor64 {
  const f = x.shape[1];
  const out = tensor64([m.numNodes, f]);
  for (let k = 0; k < m.target.length; k++) {
    const to = transposed ? m.source[k] : m.target[k];
    const from = transposed ? m.target[k] : m.source[k];
    const w = m.weight[k];
    for (let c = 0; c < f; c++) out.data[to * f + c] += w * x.data[from * f + c];
  }
  return out;
}

interface GcnPass { m: MessageEdges; AH: Tensor64; Z: Tensor64; out: Tensor64 }

function gcnPass(params: NamedTensors64, features: Tensor64, graph: Graph, spec: GraphLayerSpec, options: GcnOracleOptions): GcnPass {
  const where = 'gcnOracle';
  checkGraphSpec(where, spec, features, graph.numNodes);
  const W = checkParam(where, params, 'W', [spec.inFeatures, spec.outFeatures]);
  const b = params.b ? checkParam(where, params, 'b', [spec.outFeatures]) : undefined;
  const act = spec.activation ?? 'relu';
  const m = messageEdges(graph, options.adjacency ?? 'symmetric', where);
  const AH = propagate(m, features);                     // Â H      [N, in]
  const Z = project(AH, W);                              // Â H W    [N, out]
  if (b) Z.data.forEach((z, k) => { Z.data[k] = z + b.data[k % spec.outFeatures]; });
  const out = tensor64(Z.shape, Z.data.map((z) => activate(z, act)));
  return { m, AH, Z, out };
}

/** H' = σ(Â H W + b), [N, out] */
export function gcnForward(params: NamedTensors64, features: Tensor64, graph: Graph, spec: GraphLayerSpec, options: GcnOracleOptions = {}): Tensor64 {
  return gcnPass(params, features, graph, spec, options).out;
}

/** The pre-activation Z = Â H W + b (tests use it to stay away from the ReLU kink). */
export function gcnPreActivation(params: NamedTensors64, features: Tensor64, graph: Graph, spec: GraphLayerSpec, options: GcnOracleOptions = {}): Tensor64 {
  return gcnPass(params, features, graph, spec, options).Z;
}

/** L = Σ(H' ⊙ R) and its hand-derived gradients with respect to W, b and H. */
export function gcnGradients(
  params: NamedTensors64, features: Tensor64, graph: Graph, spec: GraphLayerSpec, R: Tensor64, options: GcnOracleOptions = {},
): GraphOracleGradients {
  const { m, AH, Z, out } = gcnPass(params, features, graph, spec, options);
  if (R.data.length !== out.data.length) throw new Error(`gcnGradients requires R of shape [${out.shape}], got [${R.shape}].`);
  const act = spec.activation ?? 'relu';
  const loss = out.data.reduce((s, y, k) => s + y * R.data[k], 0);
  const dZ = tensor64(Z.shape, Z.data.map((z, k) => R.data[k] * activateGrad(z, act)));   // [N, out]
  const grads: NamedTensors64 = { W: projectGradWeight(AH, dZ) };                         // (ÂH)ᵀ dZ  [in, out]
  if (params.b) {
    const db = tensor64([spec.outFeatures]);
    dZ.data.forEach((g, k) => { db.data[k % spec.outFeatures] += g; });
    grads.b = db;
  }
  const dAH = tensor64(AH.shape);
  projectGradInput(dZ, params.W, dAH);                                                     // dZ Wᵀ     [N, in]
  return { loss, out, params: grads, features: propagate(m, dAH, true) };                  // Âᵀ dZ Wᵀ
}
