/**
 * GCN layer (tfjs), the course's eqs. 14–17 (2019) / 44–47 (2020):
 *
 *   H' = σ(Â H W + b),   Â = D̃^{-1/2}(A + I)D̃^{-1/2}
 *
 * Two paths with the same result: dense (Â as an [N, N] matrix, small graphs) and edge
 * list (Â_ij (H W)_j sent along each edge j → i and summed per node: memory ∝ edges).
 * `spec.execution` chooses; 'auto' goes sparse above 2048 nodes.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph, GraphLayer, Params } from '../../harness/contract';
import { cachedMessageEdges, choosePath, denseMatrix, gatherRows, messageIndex, messageWeights, segmentSum } from '../graph/message-passing';
import type { GcnSpec } from '../graph/specs';
import { checkFeatures, checkLayerSpec, checkParamShape, glorot, sigma } from './graph-init';

export interface GcnInitSpec extends GcnSpec {
  /** add a bias `b` [out] (default false: the course's H' = σ(Â H W)) */
  bias?: boolean;
}

/** Â X along the edge list: Σ_j Â_ij X_j for every i.  X [N, F] → [N, F] */
function propagateSparse(graph: Graph, X: tf.Tensor2D): tf.Tensor2D {
  const m = cachedMessageEdges(graph, 'symmetric', 'gcn.forward');
  const { target, source } = messageIndex(m);
  const messages = tf.mul(gatherRows(X, source), messageWeights(m)) as tf.Tensor2D;   // Â_ij X_j     [M, F]
  return segmentSum(messages, target);                                                 // Σ_j per i    [N, F]
}

/** The GCN layer: the contract's GraphLayer, reading the reference's extra spec fields. */
export interface GcnLayer extends GraphLayer {
  init(spec: GcnInitSpec, seed: number): Params;
  forward(params: Params, features: tf.Tensor2D, graph: Graph, spec: GcnSpec): tf.Tensor2D;
}

export const gcn: GcnLayer = {
  init(spec: GcnInitSpec, seed: number): Params {
    checkLayerSpec('gcn.init', spec);
    const { inFeatures: fin, outFeatures: fout } = spec;
    return {
      W: glorot([fin, fout], fin, fout, seed, 'gcn.W'),
      ...(spec.bias ? { b: tf.zeros([fout]) } : {}),
    };
  },

  forward(params: Params, H: tf.Tensor2D, graph: Graph, spec: GcnSpec): tf.Tensor2D {
    checkLayerSpec('gcn.forward', spec);
    checkFeatures('gcn.forward', H, graph.numNodes, spec.inFeatures);
    const W = checkParamShape('gcn.forward', params, 'W', [spec.inFeatures, spec.outFeatures]) as tf.Tensor2D;
    const b = params.b ? checkParamShape('gcn.forward', params, 'b', [spec.outFeatures]) : undefined;
    const path = choosePath(graph, spec.execution, 'gcn.forward');
    return tf.tidy(() => {
      const HW = tf.matMul(H, W) as tf.Tensor2D;                               // [N, out]
      const Z = path === 'dense'
        ? tf.matMul(denseMatrix(cachedMessageEdges(graph, 'symmetric', 'gcn.forward')), HW)   // Â (H W)  [N, out]
        : propagateSparse(graph, HW);
      return sigma(b ? tf.add(Z, b) : Z, spec) as tf.Tensor2D;
    });
  },
};
