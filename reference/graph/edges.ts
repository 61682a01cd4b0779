/**
 * Edge-list (message-passing) form of Â: one directed entry per message j → i over
 * N(i) ∪ {i}, sorted by target i. Memory grows with edges, not nodes²; it is what the
 * float64 oracles and the tfjs sparse path both consume.
 */
import type { Graph } from '../../harness/contract';
import type { AdjacencyVariant } from './adjacency';
import { validateGraph } from './validate';

export interface MessageEdges {
  numNodes: number;
  /** i: the node that receives, ascending */
  target: Int32Array;
  /** j: the node that sends */
  source: Int32Array;
  /** the propagation weight of j → i (Â_ij for the symmetric variant) */
  weight: Float64Array;
}

/**
 * All messages j → i with j ∈ N(i) ∪ {i} (or N(i) only for the `no-self-loops` and `raw`
 * variants), with the weights of `variant` (see {@link AdjacencyVariant}). Validates the
 * graph unless the caller already has (`alreadyValidated`).
 */
export function messageEdges(graph: Graph, variant: AdjacencyVariant = 'symmetric', where = 'messageEdges', alreadyValidated = false): MessageEdges {
  if (!alreadyValidated) validateGraph(graph, where);
  const n = graph.numNodes;
  const loops = variant === 'symmetric' || variant === 'row' || variant === 'unnormalised';
  const degree = new Int32Array(n).fill(loops ? 1 : 0);           // D̃_ii (or D_ii)
  for (const [u, v] of graph.edges) { degree[u]++; degree[v]++; }
  const start = new Int32Array(n + 1);                              // CSR row offsets
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + degree[i];
  const fill = start.slice(0, n);
  const total = start[n];
  const target = new Int32Array(total);
  const source = new Int32Array(total);
  const put = (i: number, j: number) => { const k = fill[i]++; target[k] = i; source[k] = j; };
  if (loops) for (let i = 0; i < n; i++) put(i, i);
  for (const [u, v] of graph.edges) { put(u, v); put(v, u); }
  const weight = new Float64Array(total);
  for (let k = 0; k < total; k++) {
    const i = target[k], j = source[k];
    weight[k] = variant === 'symmetric' || variant === 'no-self-loops' ? 1 / Math.sqrt(degree[i] * degree[j])
      : variant === 'row' ? 1 / degree[i]
      : 1;
  }
  return { numNodes: n, target, source, weight };
}
