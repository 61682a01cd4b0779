/**
 * The assignment's graphs (nodes A–F = 0–5), as read from the course PDFs; see
 * shared/assignment-spec.md, Part 3 of 2019 and 2020.
 */
import type { Graph } from '../../harness/contract';

export const NODE_LABELS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

function lettered(pairs: Array<[NodeLabel, NodeLabel]>): Graph {
  return { numNodes: 6, edges: pairs.map(([u, v]) => [NODE_LABELS.indexOf(u), NODE_LABELS.indexOf(v)]) };
}

/** 2020, Figure 3: A–B, A–E, A–F, B–D, C–D, D–F (C → E takes 4 updates). */
export const GRAPH_2020: Graph = lettered([['A', 'B'], ['A', 'E'], ['A', 'F'], ['B', 'D'], ['C', 'D'], ['D', 'F']]);

/** 2019, Figure 2: A–B, A–E, A–F, B–C, B–D, C–D, D–F, E–F (C → E takes 3 updates). */
export const GRAPH_2019: Graph = lettered([['A', 'B'], ['A', 'E'], ['A', 'F'], ['B', 'C'], ['B', 'D'], ['C', 'D'], ['D', 'F'], ['E', 'F']]);

export const ASSIGNMENT_GRAPHS: Record<'2019' | '2020', Graph> = { '2019': GRAPH_2019, '2020': GRAPH_2020 };
