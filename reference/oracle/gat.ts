/**
 * GAT layer oracle (float64, framework-free, over the messages j → i, j ∈ N(i) ∪ {i}).
 * Per head, with P = H W and a = [a₁ ‖ a₂]:
 *
 *   s_i = a₁ᵀ P_i,  t_j = a₂ᵀ P_j          (so aᵀ[W h_i ‖ W h_j] = s_i + t_j)
 *   e_ij = LeakyReLU(s_i + t_j)             slope 0.2
 *   α_ij = exp(e_ij) / Σ_{k∈N(i)∪{i}} exp(e_ik)
 *   Y_i  = Σ_j α_ij P_j
 *   out  = ‖_k σ(Y^k)   (concat)   or   σ(mean_k Y^k)   (average)
 *
 * Backward for L = Σ(out ⊙ R), by hand, per head (dY from the combine step):
 *   dα_ij = dY_i · P_j                     dP_j += α_ij dY_i
 *   de_ij = α_ij (dα_ij − Σ_k α_ik dα_ik)   (softmax)
 *   du_ij = de_ij · LeakyReLU'(s_i + t_j);  ds_i = Σ_j du_ij;  dt_j = Σ_i du_ij
 *   da₁ = Σ_i ds_i P_i,  da₂ = Σ_j dt_j P_j, dP_i += ds_i a₁ + dt_i a₂
 *   dW = Hᵀ dP,  dH = dP Wᵀ
 */
import type { Graph } from '../../harness/contract';
import { type MessageEdges, messageEdges } from '../graph/edges';
import { type GatSpec, gatHeadNames, gatOutputWidth } from '../graph/specs';
import {
  type GraphOracleGradients, type NamedTensors64, type Tensor64, activate, activateGrad, checkGraphSpec, checkParam,
  project, projectGradInput, projectGradWeight, tensor64,
} from './graph-common';

export interface GatOracleOptions {
  /** attend over N(i) ∪ {i} (default true, the course's) or over N(i) only (a known mistake) */
  selfLoops?: boolean;
}

/** Canonical parameter shapes: per head W [in, out] and a [2·out]. */
export function gatShapes(spec: GatSpec): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const n of gatHeadNames(spec)) { shapes[n.W] = [spec.inFeatures, spec.outFeatures]; shapes[n.a] = [2 * spec.outFeatures]; }
  return shapes;
}

interface HeadPass {
  W: Tensor64; a: Tensor64;
  P: Tensor64;            // H W        [N, out]
  s: Float64Array;        // a₁ᵀ P_i    [N]
  t: Float64Array;        // a₂ᵀ P_j    [N]
  u: Float64Array;        // s_i + t_j  per message [M]
  alpha: Float64Array;    // α_ij       per message [M]
  Y: Tensor64;            // Σ α P      [N, out]
}

function headPass(m: MessageEdges, H: Tensor64, W: Tensor64, a: Tensor64, slope: number): HeadPass {
  const n = m.numNodes, o = W.shape[1];
  const P = project(H, W);
  const s = new Float64Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let c = 0; c < o; c++) { s[i] += a.data[c] * P.data[i * o + c]; t[i] += a.data[o + c] * P.data[i * o + c]; }
  const M = m.target.length;
  const u = new Float64Array(M), alpha = new Float64Array(M);
  for (let k = 0; k < M; k++) u[k] = s[m.target[k]] + t[m.source[k]];
  // softmax over each target's messages (contiguous: messages are sorted by target)
  for (let lo = 0; lo < M;) {
    let hi = lo;
    while (hi < M && m.target[hi] === m.target[lo]) hi++;
    let max = -Infinity;
    for (let k = lo; k < hi; k++) max = Math.max(max, leaky(u[k], slope));
    let sum = 0;
    for (let k = lo; k < hi; k++) { alpha[k] = Math.exp(leaky(u[k], slope) - max); sum += alpha[k]; }
    for (let k = lo; k < hi; k++) alpha[k] /= sum;
    lo = hi;
  }
  const Y = tensor64([n, o]);
  for (let k = 0; k < M; k++) {
    const i = m.target[k], j = m.source[k];
    for (let c = 0; c < o; c++) Y.data[i * o + c] += alpha[k] * P.data[j * o + c];
  }
  return { W, a, P, s, t, u, alpha, Y };
}

const leaky = (x: number, slope: number) => (x > 0 ? x : slope * x);

interface GatPass { m: MessageEdges; heads: HeadPass[]; pre: Tensor64; out: Tensor64 }

function gatPass(params: NamedTensors64, H: Tensor64, graph: Graph, spec: GatSpec, options: GatOracleOptions): GatPass {
  const where = 'gatOracle';
  checkGraphSpec(where, spec, H, graph.numNodes);
  const act = spec.activation ?? 'relu';
  const slope = spec.negativeSlope ?? 0.2;
  const m = messageEdges(graph, options.selfLoops === false ? 'raw' : 'unnormalised', where);
  const heads = gatHeadNames(spec).map((names) => headPass(
    m, H, checkParam(where, params, names.W, [spec.inFeatures, spec.outFeatures]),
    checkParam(where, params, names.a, [2 * spec.outFeatures]), slope));
  const n = graph.numNodes, o = spec.outFeatures, K = heads.length;
  const pre = tensor64([n, gatOutputWidth(spec)]);     // the value σ is applied to
  if ((spec.combine ?? 'concat') === 'concat') {
    heads.forEach((h, k) => { for (let i = 0; i < n; i++) for (let c = 0; c < o; c++) pre.data[i * K * o + k * o + c] = h.Y.data[i * o + c]; });
  } else {
    for (const h of heads) h.Y.data.forEach((y, idx) => { pre.data[idx] += y / K; });
  }
  return { m, heads, pre, out: tensor64(pre.shape, pre.data.map((x) => activate(x, act))) };
}

/** The layer's output [N, K·out] (concat) or [N, out] (average). */
export function gatForward(params: NamedTensors64, features: Tensor64, graph: Graph, spec: GatSpec, options: GatOracleOptions = {}): Tensor64 {
  return gatPass(params, features, graph, spec, options).out;
}

/** Attention of every head as a dense [N, N] matrix (row i: α_i·), for tests and diagnosis. */
export function gatAttention(params: NamedTensors64, features: Tensor64, graph: Graph, spec: GatSpec, options: GatOracleOptions = {}): Tensor64[] {
  const { m, heads } = gatPass(params, features, graph, spec, options);
  const n = graph.numNodes;
  return heads.map((h) => {
    const A = tensor64([n, n]);
    for (let k = 0; k < m.target.length; k++) A.data[m.target[k] * n + m.source[k]] = h.alpha[k];
    return A;
  });
}

/** Distances to the kinks: min |s_i + t_j| (LeakyReLU) and min |pre-activation| (ReLU). */
export function gatKinkMargins(params: NamedTensors64, features: Tensor64, graph: Graph, spec: GatSpec): { leaky: number; relu: number } {
  const { heads, pre } = gatPass(params, features, graph, spec, {});
  const leakyMargin = Math.min(...heads.map((h) => Math.min(...Array.from(h.u, Math.abs))));
  return { leaky: leakyMargin, relu: Math.min(...Array.from(pre.data, Math.abs)) };
}

/** L = Σ(out ⊙ R) and its hand-derived gradients with respect to every W, a and H. */
export function gatGradients(
  params: NamedTensors64, features: Tensor64, graph: Graph, spec: GatSpec, R: Tensor64, options: GatOracleOptions = {},
): GraphOracleGradients {
  const { m, heads, pre, out } = gatPass(params, features, graph, spec, options);
  if (R.data.length !== out.data.length) throw new Error(`gatGradients requires R of shape [${out.shape}], got [${R.shape}].`);
  const act = spec.activation ?? 'relu';
  const slope = spec.negativeSlope ?? 0.2;
  const n = graph.numNodes, o = spec.outFeatures, K = heads.length, M = m.target.length;
  const loss = out.data.reduce((s, y, k) => s + y * R.data[k], 0);
  const dPre = pre.data.map((x, k) => R.data[k] * activateGrad(x, act));
  const concat = (spec.combine ?? 'concat') === 'concat';
  const grads: NamedTensors64 = {};
  const dH = tensor64(features.shape);
  heads.forEach((h, head) => {
    const dY = tensor64([n, o]);                                      // [N, out]
    for (let i = 0; i < n; i++) for (let c = 0; c < o; c++) {
      dY.data[i * o + c] = concat ? dPre[i * K * o + head * o + c] : dPre[i * o + c] / K;
    }
    const dP = tensor64([n, o]);
    const dAlpha = new Float64Array(M);
    for (let k = 0; k < M; k++) {
      const i = m.target[k], j = m.source[k];
      for (let c = 0; c < o; c++) {
        dAlpha[k] += dY.data[i * o + c] * h.P.data[j * o + c];
        dP.data[j * o + c] += h.alpha[k] * dY.data[i * o + c];
      }
    }
    const ds = new Float64Array(n), dt = new Float64Array(n);
    for (let lo = 0; lo < M;) {
      let hi = lo;
      while (hi < M && m.target[hi] === m.target[lo]) hi++;
      let c = 0;
      for (let k = lo; k < hi; k++) c += h.alpha[k] * dAlpha[k];
      for (let k = lo; k < hi; k++) {
        const du = h.alpha[k] * (dAlpha[k] - c) * (h.u[k] > 0 ? 1 : slope);
        ds[m.target[k]] += du;
        dt[m.source[k]] += du;
      }
      lo = hi;
    }
    const da = tensor64([2 * o]);
    for (let i = 0; i < n; i++) for (let c = 0; c < o; c++) {
      da.data[c] += ds[i] * h.P.data[i * o + c];
      da.data[o + c] += dt[i] * h.P.data[i * o + c];
      dP.data[i * o + c] += ds[i] * h.a.data[c] + dt[i] * h.a.data[o + c];
    }
    const names = gatHeadNames(spec)[head];
    grads[names.W] = projectGradWeight(features, dP);                  // Hᵀ dP   [in, out]
    grads[names.a] = da;
    projectGradInput(dP, h.W, dH);                                     // dP Wᵀ   [N, in]
  });
  return { loss, out, params: grads, features: dH };
}
