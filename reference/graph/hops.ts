/**
 * Message-passing rounds between two nodes = their hop distance. After k GCN layers (k
 * rounds of message passing) node i has heard from exactly the nodes within k hops, so
 * "how many updates until C's information reaches E" is the BFS distance C → E.
 */
import type { Graph } from '../../harness/contract';
import { validateGraph } from './validate';

/** No path connects the two nodes: no number of rounds is enough. */
export const UNREACHABLE = 'unreachable' as const;
export type Hops = number | typeof UNREACHABLE;

function neighbourLists(graph: Graph): number[][] {
  const out: number[][] = Array.from({ length: graph.numNodes }, () => []);
  for (const [u, v] of graph.edges) { out[u].push(v); out[v].push(u); }
  return out;
}

function bfs(adjacent: number[][], from: number): Hops[] {
  const dist: Hops[] = new Array<Hops>(adjacent.length).fill(UNREACHABLE);
  dist[from] = 0;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const v of adjacent[u]) {
      if (dist[v] !== UNREACHABLE) continue;
      dist[v] = (dist[u] as number) + 1;
      queue.push(v);
    }
  }
  return dist;
}

function checkNode(graph: Graph, node: number, where: string, role: string): void {
  if (!Number.isInteger(node) || node < 0 || node >= graph.numNodes) {
    throw new Error(`${where} requires its argument \`${role}\` to be a node id in 0 … ${graph.numNodes - 1}, got ${node}.`);
  }
}

/** Hop distance from `from` to every node ("unreachable" where no path exists). */
export function hopsFrom(graph: Graph, from: number): Hops[] {
  validateGraph(graph, 'hopsFrom');
  checkNode(graph, from, 'hopsFrom', 'from');
  return bfs(neighbourLists(graph), from);
}

/** Message-passing rounds needed for `from`'s information to reach `to`. */
export function messagePassingRounds(graph: Graph, from: number, to: number): Hops {
  validateGraph(graph, 'messagePassingRounds');
  checkNode(graph, from, 'messagePassingRounds', 'from');
  checkNode(graph, to, 'messagePassingRounds', 'to');
  return bfs(neighbourLists(graph), from)[to];
}

/** All-pairs hop distances [N][N] (BFS from every node). */
export function allPairsHops(graph: Graph): Hops[][] {
  validateGraph(graph, 'allPairsHops');
  const adjacent = neighbourLists(graph);
  return Array.from({ length: graph.numNodes }, (_, i) => bfs(adjacent, i));
}
