/**
 * TensorFlow.js building blocks of the graph layers: the choice between the dense path
 * (Â as an N×N matrix) and the edge-list path (messages along edges, memory ∝ edges), and
 * the edge-list primitives.
 *
 * Why custom gradients: the wasm backend (the default) has no `UnsortedSegmentSum`
 * kernel, and tfjs's gradient of `gather` is an unsorted segment sum, so neither runs
 * there. `gatherRows` and `segmentSum` are each other's gradient (a gather's backward is
 * a segment sum over the same index and vice versa), and both forward passes are one
 * `sparseSegmentSum`, which wasm has (and runs fast).
 */
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../harness/contract';
import type { AdjacencyVariant } from './adjacency';
import { type MessageEdges, messageEdges } from './edges';
import { GRAPH_EXECUTION_DEFAULTS, type GraphExecution } from './specs';

export type ExecutionPath = 'dense' | 'sparse';

/** Decimal units, as memory is usually quoted (100,000² × 4 bytes = 40 GB). */
export const formatBytes = (bytes: number): string =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;

/** The error of the dense path on a graph too large for it: names the sparse path. */
export const DENSE_TOO_LARGE = (where: string, numNodes: number, budget: number) =>
  `${where} requires the dense Â (${numNodes}² × 4 bytes = ${formatBytes(numNodes * numNodes * 4)}) to fit ` +
  `execution.denseMemoryBudgetBytes (${formatBytes(budget)}), got ${numNodes} nodes; use the sparse (edge-list) path: ` +
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

// The edge-list form is plain typed arrays, computed once per graph object and variant
// (a Graph is treated as immutable, as the contract's forward is pure).
const cache = new WeakMap<Graph, Map<AdjacencyVariant, MessageEdges>>();

/** {@link messageEdges}, memoised per graph object (validation of 10⁶ edges is not free). */
export function cachedMessageEdges(graph: Graph, variant: AdjacencyVariant, where: string): MessageEdges {
  let byVariant = cache.get(graph);
  if (!byVariant) { byVariant = new Map(); cache.set(graph, byVariant); }
  let m = byVariant.get(variant);
  // a graph already in the cache has been validated (by the first variant built for it)
  if (!m) { m = messageEdges(graph, variant, where, byVariant.size > 0); byVariant.set(variant, m); }
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

/**
 * An index (a node id per message) prepared for the primitives below: its stable counting-
 * sort order, so sums over it can use `tf.sparse.sparseSegmentSum`, which needs sorted
 * segment ids. Plain JS arrays: tensors are made per call, so nothing outlives a tidy.
 */
export interface SegmentIndex {
  /** node id per message, [E] */
  index: Int32Array;
  /** N, the number of nodes */
  numSegments: number;
  /** messages ordered by node id (stable) */
  order: Int32Array;
  /** index[order], ascending */
  sorted: Int32Array;
}

export function segmentIndex(index: Int32Array, numSegments: number): SegmentIndex {
  const start = new Int32Array(numSegments + 1);
  for (let k = 0; k < index.length; k++) start[index[k] + 1]++;
  for (let s = 0; s < numSegments; s++) start[s + 1] += start[s];
  const order = new Int32Array(index.length);
  for (let k = 0; k < index.length; k++) order[start[index[k]]++] = k;
  const sorted = new Int32Array(index.length);
  for (let k = 0; k < index.length; k++) sorted[k] = index[order[k]];
  return { index, numSegments, order, sorted };
}

/**
 * The gather and the segment sum are both one `sparseSegmentSum(data, indices, segmentIds)`
 * (out[segmentIds[k]] += data[indices[k]]), the one fused kernel every backend, wasm
 * included, has and runs fast (on wasm it is two orders of magnitude faster than
 * `gather`, which also has no gradient there).
 */
function sparseSegmentSumRaw(data: tf.Tensor2D, indices: Int32Array, segmentIds: Int32Array, rows: number): tf.Tensor2D {
  if (indices.length === 0) return tf.zeros([rows, data.shape[1]]);
  const out = tf.sparse.sparseSegmentSum(data, tf.tensor1d(indices, 'int32'), tf.tensor1d(segmentIds, 'int32')) as tf.Tensor2D;
  const missing = rows - out.shape[0];   // trailing segments without any entry
  return missing > 0 ? tf.concat([out, tf.zeros([missing, data.shape[1]])]) : out;
}

let positions = new Int32Array(0);
function iota(n: number): Int32Array {
  if (positions.length < n) positions = Int32Array.from({ length: Math.max(n, 2 * positions.length) }, (_, k) => k);
  return positions.subarray(0, n);
}

/** out[s] = Σ_{k: index[k] = s} values[k]   ([E, F] → [N, F]); its gradient is a gather. */
export function segmentSum(values: tf.Tensor2D, segment: SegmentIndex): tf.Tensor2D {
  const f = tf.customGrad((v: tf.Tensor | GradSave) => ({
    value: sparseSegmentSumRaw(v as tf.Tensor2D, segment.order, segment.sorted, segment.numSegments),
    gradFunc: (dy: tf.Tensor) => gatherRows(dy as tf.Tensor2D, segment),
  }));
  return f(values) as tf.Tensor2D;
}

/** out[k] = x[index[k]]   ([N, F] → [E, F]); its gradient is a segment sum. */
export function gatherRows(x: tf.Tensor2D, index: SegmentIndex): tf.Tensor2D {
  const f = tf.customGrad((v: tf.Tensor | GradSave) => ({
    value: sparseSegmentSumRaw(v as tf.Tensor2D, index.index, iota(index.index.length), index.index.length),
    gradFunc: (dy: tf.Tensor) => segmentSum(dy as tf.Tensor2D, index),
  }));
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

/** The edge-list form ready for the primitives, memoised per MessageEdges. */
export interface MessageIndex { target: SegmentIndex; source: SegmentIndex }
const indexCache = new WeakMap<MessageEdges, MessageIndex>();
export function messageIndex(m: MessageEdges): MessageIndex {
  let r = indexCache.get(m);
  if (!r) { r = { target: segmentIndex(m.target, m.numNodes), source: segmentIndex(m.source, m.numNodes) }; indexCache.set(m, r); }
  return r;
}

/** The message weights as a column [M, 1] (create inside a tidy). */
export const messageWeights = (m: MessageEdges): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.weight), [m.weight.length, 1]);
