import { GraphError, validateGraph } from '.';
import type { Graph } from '../../harness/contract';

function codeOf(graph: Graph): string {
  try { validateGraph(graph, 'gcn.forward'); } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    expect((e as Error).message).toMatch(/^gcn\.forward requires .+, got .+/);
    return (e as GraphError).code;
  }
  return 'valid';
}

describe('validateGraph', () => {
  it('accepts a simple undirected graph', () => {
    expect(codeOf({ numNodes: 3, edges: [[0, 1], [1, 2]] })).toBe('valid');
    expect(codeOf({ numNodes: 1, edges: [] })).toBe('valid');
  });
  it('names each malformed graph', () => {
    expect(codeOf({ numNodes: 3, edges: [[0, 1], [2, 2]] })).toBe('self-loop');
    expect(codeOf({ numNodes: 3, edges: [[0, 1], [0, 1]] })).toBe('duplicate-edge');
    expect(codeOf({ numNodes: 3, edges: [[0, 1], [1, 0]] })).toBe('duplicate-edge');
    expect(codeOf({ numNodes: 3, edges: [[0, 3]] })).toBe('node-out-of-range');
    expect(codeOf({ numNodes: 3, edges: [[-1, 2]] })).toBe('node-out-of-range');
    expect(codeOf({ numNodes: 3, edges: [[0, 1.5]] })).toBe('node-not-integer');
    expect(codeOf({ numNodes: 0, edges: [] })).toBe('bad-node-count');
    expect(codeOf({ numNodes: 2.5, edges: [] })).toBe('bad-node-count');
    expect(codeOf({ numNodes: 3, edges: [[0, 1, 2]] as unknown as Array<[number, number]> })).toBe('bad-edge');
  });
  it('says where, what, what it got and how to fix it', () => {
    expect(() => validateGraph({ numNodes: 3, edges: [[0, 1], [1, 0]] }, 'gat.forward')).toThrow(
      'gat.forward requires each undirected edge once, got [1, 0] at edges[1] duplicating edges[0] (u–v and v–u are the same edge); remove one of them.',
    );
    expect(() => validateGraph({ numNodes: 3, edges: [[1, 1]] })).toThrow(/got \[1, 1\] at edges\[0\]; leave them out: the layer adds the self-connection itself/);
  });
});
