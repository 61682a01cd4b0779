/**
 * TensorFlow.js building blocks of the graph layers: the choice between the dense path
 * (Â as an N×N matrix) and the edge-list path (messages along edges, memory ∝ edges), and
 * the edge-list primitives.
 *
 * Why custom gradients: the wasm backend (the default) has no `UnsortedSegmentSum`
 * kernel, and tfjs's gradient of `gather` is an unsorted segment sum, so neither runs
 * there. `gatherRows` and `segmentSum` are each other's gradient: a gather's backward is a
 * segment sum over the same index, and a segment sum's backward is a gather. The segment
 * sum is `tf.unsortedSegmentSum` where the backend has it, else `tf.scatterND`, which
 * adds duplicate indices on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../harness/contract';
import type { AdjacencyVariant } from './adjacency';
import { type MessageEdges, messageEdges } from './edges';
import { GRAPH_EXECUTION_DEFAULTS, type GraphExecution } from './specs';

export type ExecutionPath = 'dense' | 'sparse';

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 3 : 1)} GiB`;

/** The error of the dense path on a graph too large for it: names the sparse path. */
export const DENSE_TOO_LARGE = (where: string, numNodes: number, budget: number) =>
  `${where} requires the dense Â (${numNodes}² × 4 bytes = ${gib(numNodes * numNodes * 4)}) to fit ` +
  `execution.denseMemoryBudgetBytes (${gib(budget)}), got ${numNodes} nodes; use the sparse (edge-list) path: ` +
  `execution: { path: 'sparse' } (or 'auto'), whose memory grows with edges, not nodes².`;

/** Dense or sparse for this graph; throws DENSE_TOO_LARGE when dense is forced but over budget. */
export function choosePath(graph: Graph, execution: GraphExecution = {}, where = 'graph layer'): ExecutionPath {
  const { path, denseMaxNodes, denseMemoryBudgetBytes } = { ...GRAPH_EXECUTION_DEFAULTS, ...execution };
  const n = graph.numNodes;
  const fits = n * n * 4 <= denseMemoryBudgetBytes;
  if (path === 'dense') {
    if (!fits) throw new Error(DENSE_TOO_LARGE(where, n, denseMemoryBudgetBytes));
    return 'dense';
  }
  if (path === 'sparse') return 'sparse';
  if (path !== 'auto') throw new Error(`${where} requires execution.path 'auto', 'dense' or 'sparse', got ${JSON.stringify(path)}.`);
  return n <= denseMaxNodes && fits ? 'dense' : 'sparse';
}

// The edge-list form is plain typed arrays, computed once per graph object and variant.
const cache = new WeakMap<Graph, Map<AdjacencyVariant, MessageEdges>>();

/** {@link messageEdges}, memoised per graph object (validation of 10⁶ edges is not free). */
export function cachedMessageEdges(graph: Graph, variant: AdjacencyVariant, where: string): MessageEdges {
  let byVariant = cache.get(graph);
  if (!byVariant) { byVariant = new Map(); cache.set(graph, byVariant); }
  let m = byVariant.get(variant);
  if (!m) { m = messageEdges(graph, variant, where); byVariant.set(variant, m); }
  return m;
}

/** The dense propagation matrix (float32) [N, N] of `variant`, from the edge-list form. */
export function denseMatrix(m: MessageEdges): tf.Tensor2D {
  const n = m.numNodes;
  const values = new Float32Array(n * n);
  for (let k = 0; k < m.target.length; k++) values[m.target[k] * n + m.source[k]] = m.weight[k];
  return tf.tensor2d(values, [n, n]);
}

/** customGrad hands its function a save callback among the inputs; these primitives need none. */
type GradSave = (tensors: tf.Tensor[]) => void;

function hasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

function segmentSumRaw(values: tf.Tensor2D, segment: tf.Tensor1D, numSegments: number): tf.Tensor2D {
  if (hasKernel('UnsortedSegmentSum')) return tf.unsortedSegmentSum(values, segment, numSegments);
  return tf.scatterND(segment.expandDims(1), values, [numSegments, values.shape[1]]);
}

/** out[s] = Σ_{k: segment[k] = s} values[k]   ([E, F] → [numSegments, F]); differentiable on every backend. */
export function segmentSum(values: tf.Tensor2D, segment: tf.Tensor1D, numSegments: number): tf.Tensor2D {
  // the index is saved for the backward pass: it outlives the tidy that made it
  const f = tf.customGrad((v: tf.Tensor | GradSave, save: tf.Tensor | GradSave) => {
    (save as GradSave)([segment]);
    return {
      value: segmentSumRaw(v as tf.Tensor2D, segment, numSegments),
      gradFunc: (dy: tf.Tensor, [seg]: tf.Tensor[]) => gatherRows(dy as tf.Tensor2D, seg as tf.Tensor1D, numSegments),
    };
  });
  return f(values) as tf.Tensor2D;
}

/** out[k] = x[index[k]]   ([N, F] → [E, F]); differentiable on every backend. */
export function gatherRows(x: tf.Tensor2D, index: tf.Tensor1D, numRows = x.shape[0]): tf.Tensor2D {
  const f = tf.customGrad((v: tf.Tensor | GradSave, save: tf.Tensor | GradSave) => {
    (save as GradSave)([index]);
    return {
      value: tf.gather(v as tf.Tensor2D, index) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, [idx]: tf.Tensor[]) => segmentSum(dy as tf.Tensor2D, idx as tf.Tensor1D, numRows),
    };
  });
  return f(x) as tf.Tensor2D;
}

/**
 * Per-segment maximum of `values` (−Infinity for an empty segment). tfjs has no
 * unsorted segment max; the softmax only needs the shift as a constant (it is
 * shift-invariant, so no gradient flows through it), so it is computed in plain JS.
 */
export function segmentMax(values: ArrayLike<number>, segment: ArrayLike<number>, numSegments: number): Float32Array {
  const out = new Float32Array(numSegments).fill(-Infinity);
  for (let k = 0; k < values.length; k++) if (values[k] > out[segment[k]]) out[segment[k]] = values[k];
  return out;
}

/** The edge-list form as tensors (create inside a tidy). */
export function messageTensors(m: MessageEdges): { target: tf.Tensor1D; source: tf.Tensor1D; weight: tf.Tensor2D } {
  return {
    target: tf.tensor1d(m.target, 'int32'),
    source: tf.tensor1d(m.source, 'int32'),
    weight: tf.tensor2d(Float32Array.from(m.weight), [m.weight.length, 1]),
  };
}
