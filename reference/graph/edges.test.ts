import { GRAPH_2019, GRAPH_2020, messageEdges, normalisedAdjacency, randomGraph, ADJACENCY_VARIANTS } from '.';

describe('messageEdges', () => {
  it.each(ADJACENCY_VARIANTS)('holds exactly the non-zero entries of the dense %s matrix', (variant) => {
    for (const g of [GRAPH_2019, GRAPH_2020, randomGraph(9, 14, 3)]) {
      const dense = normalisedAdjacency(g, variant);
      const m = messageEdges(g, variant);
      const rebuilt = new Float64Array(g.numNodes * g.numNodes);
      for (let k = 0; k < m.target.length; k++) {
        if (k > 0) expect(m.target[k]).toBeGreaterThanOrEqual(m.target[k - 1]);
        rebuilt[m.target[k] * g.numNodes + m.source[k]] += m.weight[k];
      }
      rebuilt.forEach((x, k) => expect(x).toBeCloseTo(dense.data[k], 15));
      expect(m.target.length).toBe(Array.from(dense.data).filter((x) => x !== 0).length);
    }
  });
  it('grows with edges: 2E + N messages', () => {
    const g = randomGraph(1000, 3000, 1);
    expect(messageEdges(g).target.length).toBe(2 * 3000 + 1000);
  });
});
