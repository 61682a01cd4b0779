/**
 * Graph validation: the contract's `Graph` is undirected, without self-loops, with each
 * edge listed once and nodes numbered 0 … numNodes−1. Every violation is a
 * {@link GraphError} whose `code` names it and whose message follows the project's format
 * "<where> requires <what>, got <actual>" plus the fix.
 */
import type { Graph } from '../../harness/contract';

export type GraphErrorCode =
  | 'bad-node-count'
  | 'bad-edge'
  | 'node-not-integer'
  | 'node-out-of-range'
  | 'self-loop'
  | 'duplicate-edge';

export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(readonly code: GraphErrorCode, message: string) {
    super(message);
  }
}

/** The messages, as named constants (students read them). */
export const GRAPH_ERRORS = {
  badNodeCount: (where: string, n: unknown) =>
    `${where} requires numNodes to be a positive integer, got ${String(n)}.`,
  badEdge: (where: string, k: number, e: unknown) =>
    `${where} requires every edge to be a pair [u, v], got ${JSON.stringify(e)} at edges[${k}].`,
  notInteger: (where: string, k: number, e: [number, number]) =>
    `${where} requires integer node ids, got [${e[0]}, ${e[1]}] at edges[${k}].`,
  outOfRange: (where: string, k: number, e: [number, number], n: number) =>
    `${where} requires node ids in 0 … ${n - 1} (numNodes = ${n}), got [${e[0]}, ${e[1]}] at edges[${k}].`,
  selfLoop: (where: string, k: number, v: number) =>
    `${where} requires a graph without self-loops, got [${v}, ${v}] at edges[${k}]; ` +
    'leave them out: the layer adds the self-connection itself (Ã = A + I).',
  duplicate: (where: string, k: number, e: [number, number], first: number) =>
    `${where} requires each undirected edge once, got [${e[0]}, ${e[1]}] at edges[${k}] ` +
    `duplicating edges[${first}] (u–v and v–u are the same edge); remove one of them.`,
} as const;

/**
 * Check that `graph` is a valid undirected simple graph; throws a {@link GraphError}.
 * `where` names the caller in the message, e.g. "gcn.forward".
 */
export function validateGraph(graph: Graph, where = 'graph'): void {
  const n = graph.numNodes;
  if (!Number.isInteger(n) || n <= 0) throw new GraphError('bad-node-count', GRAPH_ERRORS.badNodeCount(where, n));
  const edges = graph.edges;
  const keys = new Float64Array(edges.length);   // min·n + max identifies an undirected edge
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    if (!Array.isArray(e) || e.length !== 2) throw new GraphError('bad-edge', GRAPH_ERRORS.badEdge(where, k, e));
    const [u, v] = e;
    if (!Number.isInteger(u) || !Number.isInteger(v)) throw new GraphError('node-not-integer', GRAPH_ERRORS.notInteger(where, k, e));
    if (u < 0 || v < 0 || u >= n || v >= n) throw new GraphError('node-out-of-range', GRAPH_ERRORS.outOfRange(where, k, e, n));
    if (u === v) throw new GraphError('self-loop', GRAPH_ERRORS.selfLoop(where, k, u));
    keys[k] = Math.min(u, v) * n + Math.max(u, v);
  }
  // duplicates sit side by side once sorted (a native typed-array sort: fast at 10⁶ edges)
  const sorted = keys.slice().sort();
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] !== sorted[k - 1]) continue;
    const first = keys.indexOf(sorted[k]);
    const second = keys.indexOf(sorted[k], first + 1);
    throw new GraphError('duplicate-edge', GRAPH_ERRORS.duplicate(where, second, edges[second], first));
  }
}
