/**
 * Dense adjacency matrices of an undirected graph, and the GCN's normalisation.
 *
 *   A  [N, N]   A_ij = 1 iff i–j is an edge
 *   Ã = A + I   the self-connected adjacency (every node also hears itself)
 *   D̃_ii = Σ_j Ã_ij
 *   Â = D̃^{-1/2} Ã D̃^{-1/2}   (Kipf & Welling; the course's eqs. 14–17 / 44–47)
 *
 * `AdjacencyVariant` names Â and the known mistakes students make with it, so a wrong
 * answer can be diagnosed by comparison; `'symmetric'` is the course's.
 */
import type { Graph } from '../../harness/contract';
import { type Matrix, zeros } from './matrix';
import { validateGraph } from './validate';

export type AdjacencyVariant =
  /** Â = D̃^{-1/2}(A + I)D̃^{-1/2} — the course's */
  | 'symmetric'
  /** D̃^{-1}(A + I): row-normalised (mean aggregation) instead of symmetric */
  | 'row'
  /** A + I: self-loops but no normalisation */
  | 'unnormalised'
  /** D^{-1/2} A D^{-1/2}: normalised but the self-loops forgotten */
  | 'no-self-loops'
  /** A: neither */
  | 'raw';

export const ADJACENCY_VARIANTS: readonly AdjacencyVariant[] = ['symmetric', 'row', 'unnormalised', 'no-self-loops', 'raw'];

/** Edge list → A [N, N] (symmetric, zero diagonal). Validates the graph. */
export function toDenseAdjacency(graph: Graph, where = 'toDenseAdjacency'): Matrix {
  validateGraph(graph, where);
  const n = graph.numNodes;
  const a = zeros(n, n);
  for (const [u, v] of graph.edges) {
    a.data[u * n + v] = 1;
    a.data[v * n + u] = 1;
  }
  return a;
}

/** A [N, N] → edge list with u < v, in row order. A must be symmetric 0/1 with a zero diagonal. */
export function toEdgeList(a: Matrix, where = 'toEdgeList'): Graph {
  const n = a.rows;
  if (a.cols !== n) throw new Error(`${where} requires a square adjacency matrix, got [${a.rows}, ${a.cols}].`);
  const edges: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = a.data[i * n + j];
      if (x !== 0 && x !== 1) throw new Error(`${where} requires entries 0 or 1, got ${x} at [${i}, ${j}].`);
      if (x !== a.data[j * n + i]) throw new Error(`${where} requires a symmetric matrix (undirected graph), got A[${i}, ${j}] = ${x} but A[${j}, ${i}] = ${a.data[j * n + i]}.`);
      if (i === j && x !== 0) throw new Error(`${where} requires a zero diagonal (self-loops are added by Ã = A + I), got A[${i}, ${i}] = 1.`);
      if (j > i && x === 1) edges.push([i, j]);
    }
  }
  return { numNodes: n, edges };
}

/** Ã = A + I */
export function selfConnected(a: Matrix): Matrix {
  const t = { rows: a.rows, cols: a.cols, data: Float64Array.from(a.data) };
  for (let i = 0; i < a.rows; i++) t.data[i * a.cols + i] += 1;
  return t;
}

/** Row sums: d_i = Σ_j M_ij */
export function degrees(m: Matrix): Float64Array {
  const d = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) d[i] += m.data[i * m.cols + j];
  return d;
}

/** D^{-1/2} M D^{-1/2} with D = diag(row sums of M); a node of degree 0 keeps a zero row. */
export function symmetricNormalise(m: Matrix): Matrix {
  const d = degrees(m);
  const s = d.map((x) => (x > 0 ? 1 / Math.sqrt(x) : 0));
  const out = zeros(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[i * m.cols + j] = s[i] * m.data[i * m.cols + j] * s[j];
  return out;
}

/** D^{-1} M (each row sums to 1); a node of degree 0 keeps a zero row. */
export function rowNormalise(m: Matrix): Matrix {
  const d = degrees(m);
  const out = zeros(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[i * m.cols + j] = d[i] > 0 ? m.data[i * m.cols + j] / d[i] : 0;
  return out;
}

/** The propagation matrix of a GCN layer: Â by default, or one of the known mistakes. */
export function normalisedAdjacency(graph: Graph, variant: AdjacencyVariant = 'symmetric'): Matrix {
  const a = toDenseAdjacency(graph, 'normalisedAdjacency');
  switch (variant) {
    case 'symmetric': return symmetricNormalise(selfConnected(a));
    case 'row': return rowNormalise(selfConnected(a));
    case 'unnormalised': return selfConnected(a);
    case 'no-self-loops': return symmetricNormalise(a);
    case 'raw': return a;
  }
}
