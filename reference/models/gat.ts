/**
 * GAT layer (tfjs), per head with P = H W and a = [a₁ ‖ a₂]:
 *
 *   e_ij = LeakyReLU_0.2(aᵀ[W h_i ‖ W h_j]) = LeakyReLU(a₁ᵀP_i + a₂ᵀP_j)
 *   α_ij = softmax over j ∈ N(i) ∪ {i} of e_ij
 *   h_i' = σ(Σ_j α_ij P_j)
 *
 * Heads: `W`, `a` for one head; `head{k}.W`, `head{k}.a` for K heads, concatenated
 * (σ per head) or averaged (σ after the mean), as in the GAT paper.
 *
 * Dense path: e as an [N, N] matrix with −∞ outside N(i) ∪ {i}, row softmax.
 * Edge-list path: e per message, the softmax per receiving node shifted by that node's
 * maximum (exact; tfjs has no segment max, see segmentMax), normalised by a segment sum.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph, GraphLayer, Params } from '../../harness/contract';
import {
  type ExecutionPath, cachedMessageEdges, choosePath, denseMatrix, gatherRows, messageIndex, segmentMax, segmentSum,
} from '../graph/message-passing';
import { type GatSpec, gatHeadNames } from '../graph/specs';
import { checkFeatures, checkLayerSpec, checkParamShape, glorot, sigma } from './graph-init';

const NOT_A_NEIGHBOUR = -1e30;   // exp(−1e30 − max) = 0 exactly in float32

/** α of one head. Dense: [N, N]; sparse: per message [M, 1] (messages sorted by target). */
function attention(P: tf.Tensor2D, a: tf.Tensor, graph: Graph, spec: GatSpec, path: ExecutionPath): tf.Tensor2D {
  const o = spec.outFeatures;
  const slope = spec.negativeSlope ?? 0.2;
  const s = tf.matMul(P, a.slice([0], [o]).reshape([o, 1])) as tf.Tensor2D;               // a₁ᵀ P_i   [N, 1]
  const t = tf.matMul(P, a.slice([o], [o]).reshape([o, 1])) as tf.Tensor2D;               // a₂ᵀ P_j   [N, 1]
  const m = cachedMessageEdges(graph, 'unnormalised', 'gat.forward');         // N(i) ∪ {i}
  if (path === 'dense') {
    const e = tf.leakyRelu(tf.add(s, t.reshape([1, -1])), slope);            // e_ij      [N, N]
    const mask = tf.greater(denseMatrix(m), 0);
    return tf.softmax(tf.where(mask, e, tf.fill(e.shape, NOT_A_NEIGHBOUR)), -1) as tf.Tensor2D;
  }
  const { target, source } = messageIndex(m);
  const e = tf.leakyRelu(tf.add(gatherRows(s, target), gatherRows(t, source)), slope) as tf.Tensor2D;   // [M, 1]
  const shift = tf.tensor2d(segmentMax(e.dataSync(), m.target, graph.numNodes), [graph.numNodes, 1]);   // max_j e_ij (a constant)
  const ex = tf.exp(tf.sub(e, gatherRows(shift, target))) as tf.Tensor2D;                               // [M, 1]
  const denominator = segmentSum(ex, target);                                                            // [N, 1]
  return tf.div(ex, gatherRows(denominator, target)) as tf.Tensor2D;                                     // α per message [M, 1]
}

/** Y = Σ_j α_ij P_j   [N, out] */
function aggregate(alpha: tf.Tensor2D, P: tf.Tensor2D, graph: Graph, path: ExecutionPath): tf.Tensor2D {
  if (path === 'dense') return tf.matMul(alpha, P);
  const { target, source } = messageIndex(cachedMessageEdges(graph, 'unnormalised', 'gat.forward'));
  return segmentSum(tf.mul(alpha, gatherRows(P, source)) as tf.Tensor2D, target);
}

function headParams(params: Params, spec: GatSpec): Array<{ W: tf.Tensor2D; a: tf.Tensor1D }> {
  return gatHeadNames(spec).map((n) => ({
    W: checkParamShape('gat.forward', params, n.W, [spec.inFeatures, spec.outFeatures]) as tf.Tensor2D,
    a: checkParamShape('gat.forward', params, n.a, [2 * spec.outFeatures]) as tf.Tensor1D,
  }));
}

function checkGatSpec(where: string, spec: GatSpec): void {
  checkLayerSpec(where, spec);
  const combine = spec.combine ?? 'concat';
  if (combine !== 'concat' && combine !== 'average') throw new Error(`${where} requires spec.combine 'concat' or 'average', got ${JSON.stringify(combine)}.`);
}

/**
 * The attention of every head as dense [N, N] matrices (row i holds α_i·), through the
 * path `spec.execution` selects; for tests and diagnosis on small graphs.
 */
export function gatAttention(params: Params, H: tf.Tensor2D, graph: Graph, spec: GatSpec): tf.Tensor2D[] {
  checkGatSpec('gat.attention', spec);
  const path = choosePath(graph, spec.execution, 'gat.attention');
  return tf.tidy(() => headParams(params, spec).map(({ W, a }) => {
    const alpha = attention(tf.matMul(H, W), a, graph, spec, path);
    if (path === 'dense') return alpha;
    const m = cachedMessageEdges(graph, 'unnormalised', 'gat.attention');
    const at = tf.tensor2d(Array.from(m.target, (i, k) => [i, m.source[k]]), [m.target.length, 2], 'int32');
    return tf.scatterND(at, alpha.reshape([-1]), [graph.numNodes, graph.numNodes]) as tf.Tensor2D;
  }));
}

/** The GAT layer: the contract's GraphLayer, reading the reference's extra spec fields. */
export interface GatLayer extends GraphLayer {
  init(spec: GatSpec, seed: number): Params;
  forward(params: Params, features: tf.Tensor2D, graph: Graph, spec: GatSpec): tf.Tensor2D;
}

export const gat: GatLayer = {
  init(spec: GatSpec, seed: number): Params {
    checkGatSpec('gat.init', spec);
    const { inFeatures: fin, outFeatures: fout } = spec;
    const params: Params = {};
    for (const n of gatHeadNames(spec)) {
      params[n.W] = glorot([fin, fout], fin, fout, seed, `gat.${n.W}`);
      params[n.a] = glorot([2 * fout], 2 * fout, 1, seed, `gat.${n.a}`);
    }
    return params;
  },

  forward(params: Params, H: tf.Tensor2D, graph: Graph, spec: GatSpec): tf.Tensor2D {
    checkGatSpec('gat.forward', spec);
    checkFeatures('gat.forward', H, graph.numNodes, spec.inFeatures);
    const heads = headParams(params, spec);
    const path = choosePath(graph, spec.execution, 'gat.forward');
    return tf.tidy(() => {
      const Y = heads.map(({ W, a }) => {
        const P = tf.matMul(H, W) as tf.Tensor2D;                              // W h_j for every j   [N, out]
        return aggregate(attention(P, a, graph, spec, path), P, graph, path);  // Σ_j α_ij W h_j      [N, out]
      });
      if ((spec.combine ?? 'concat') === 'concat') return tf.concat(Y.map((y) => sigma(y, spec)), 1) as tf.Tensor2D;   // [N, K·out]
      return sigma(tf.div(tf.addN(Y), Y.length), spec) as tf.Tensor2D;                                                   // [N, out]
    });
  },
};
