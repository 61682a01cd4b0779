/**
 * Bridges between the float64 oracle's `{ shape, data }` arrays and tfjs tensors, and autodiff
 * of a graph layer for the graph tests (they compare with reference/oracle/compare.ts
 * `relativeError`, floor 1e-6, as the graph checks do).
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph, GraphLayer, GraphLayerSpec, Params } from '../../harness/contract';
import type { NamedTensors64, Tensor64 } from '../oracle/graph-common';

export const toTensor = (t: Tensor64): tf.Tensor => tf.tensor(Float32Array.from(t.data), t.shape);
export const toTensors = (p: NamedTensors64): Params => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, toTensor(v)]));
export const toTensor64 = (t: tf.Tensor): Tensor64 => ({ shape: [...t.shape], data: Float64Array.from(t.dataSync()) });

export interface SumProductGradients {
  out: { shape: number[]; values: Float32Array };
  /** Σ(out ⊙ R) */
  loss: number;
  /** ∂loss/∂θ by parameter name */
  params: Record<string, { shape: number[]; values: Float32Array }>;
  /** ∂loss/∂H */
  features: { shape: number[]; values: Float32Array };
}

/**
 * Autodiff (tf.grads) of L = Σ(layer.forward(params, H) ⊙ R) with respect to every
 * parameter and the features, through whatever `forward` does. Leaves no tensors behind.
 */
export function sumProductGradients(
  layer: GraphLayer, params: Params, H: tf.Tensor2D, graph: Graph, spec: GraphLayerSpec, R: tf.Tensor,
): SumProductGradients {
  const names = Object.keys(params);
  let result: SumProductGradients | undefined;
  let out: tf.Tensor | undefined;
  tf.tidy(() => {
    const loss = (...xs: tf.Tensor[]) => {
      const ps = Object.fromEntries(names.map((n, k) => [n, xs[k]]));
      out = tf.keep(layer.forward(ps, xs[names.length] as tf.Tensor2D, graph, spec));   // one forward pass serves both
      return tf.sum(tf.mul(out, R)) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(loss)([...names.map((n) => params[n]), H]);
    const plain = (t: tf.Tensor) => ({ shape: [...t.shape], values: Float32Array.from(t.dataSync()) });
    result = {
      out: plain(out!),
      loss: value.dataSync()[0],
      params: Object.fromEntries(names.map((n, k) => [n, plain(grads[k])])),
      features: plain(grads[names.length]),
    };
  });
  out?.dispose();
  return result!;
}
