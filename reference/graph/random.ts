/**
 * Seeded random simple graphs (uniform over distinct unordered pairs): the same seed gives
 * the same graph in every process and on every backend.
 */
import seedrandom from 'seedrandom';
import type { Graph } from '../../harness/contract';

/** `numEdges` distinct undirected edges without self-loops on `numNodes` nodes. */
export function randomGraph(numNodes: number, numEdges: number, seed: number): Graph {
  const maxEdges = (numNodes * (numNodes - 1)) / 2;
  if (!Number.isInteger(numNodes) || numNodes < 2) throw new Error(`randomGraph requires at least 2 nodes, got ${numNodes}.`);
  if (!Number.isInteger(numEdges) || numEdges < 0 || numEdges > maxEdges) {
    throw new Error(`randomGraph requires 0 … ${maxEdges} edges for ${numNodes} nodes, got ${numEdges}.`);
  }
  const rng = seedrandom(`graph:${seed}`);
  const seen = new Set<number>();
  const edges: Array<[number, number]> = [];
  while (edges.length < numEdges) {
    const u = Math.floor(rng() * numNodes);
    const v = Math.floor(rng() * numNodes);
    if (u === v) continue;
    const key = Math.min(u, v) * numNodes + Math.max(u, v);
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([u, v]);
  }
  return { numNodes, edges };
}

/** Seeded values in [−scale, scale), row-major, for features and parameters. */
export function randomValues(count: number, seed: number | string, scale = 1): Float64Array {
  const rng = seedrandom(`values:${seed}`);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = (2 * rng() - 1) * scale;
  return out;
}
