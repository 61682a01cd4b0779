import {
  GRAPH_2019, GRAPH_2020, fromRows, normalisedAdjacency, selfConnected, toDenseAdjacency, toEdgeList, toRows, degrees,
} from '.';

// Ã in row order A..F, as assignment-spec.md reads it from the course's figures.
const TILDE_A_2020 = [
  [1, 1, 0, 0, 1, 1], [1, 1, 0, 1, 0, 0], [0, 0, 1, 1, 0, 0], [0, 1, 1, 1, 0, 1], [1, 0, 0, 0, 1, 0], [1, 0, 0, 1, 0, 1],
];
const TILDE_A_2019 = [
  [1, 1, 0, 0, 1, 1], [1, 1, 1, 1, 0, 0], [0, 1, 1, 1, 0, 0], [0, 1, 1, 1, 0, 1], [1, 0, 0, 0, 1, 1], [1, 0, 0, 1, 1, 1],
];

describe('adjacency', () => {
  it('Ã = A + I matches the spec for both years', () => {
    expect(toRows(selfConnected(toDenseAdjacency(GRAPH_2020)))).toEqual(TILDE_A_2020);
    expect(toRows(selfConnected(toDenseAdjacency(GRAPH_2019)))).toEqual(TILDE_A_2019);
  });
  it('edge list ⇄ dense round-trips', () => {
    const back = toEdgeList(toDenseAdjacency(GRAPH_2019));
    expect(back.numNodes).toBe(6);
    const key = (e: [number, number]) => `${Math.min(...e)}-${Math.max(...e)}`;
    expect(back.edges.map(key).sort()).toEqual(GRAPH_2019.edges.map(key).sort());
  });
  it('toEdgeList refuses asymmetric, non-binary or self-looped matrices', () => {
    expect(() => toEdgeList(fromRows([[0, 1], [0, 0]]))).toThrow('toEdgeList requires a symmetric matrix (undirected graph), got A[0, 1] = 1 but A[1, 0] = 0.');
    expect(() => toEdgeList(fromRows([[0, 2], [2, 0]]))).toThrow(/requires entries 0 or 1, got 2/);
    expect(() => toEdgeList(fromRows([[1, 0], [0, 0]]))).toThrow(/requires a zero diagonal/);
  });
  it('Â of the 2020 graph, entries derived by hand (d̃ = 4, 3, 2, 4, 2, 3)', () => {
    const hat = toRows(normalisedAdjacency(GRAPH_2020));
    expect(hat[0][0]).toBeCloseTo(1 / 4, 15);
    expect(hat[0][1]).toBeCloseTo(1 / Math.sqrt(12), 15);
    expect(hat[2][3]).toBeCloseTo(1 / Math.sqrt(8), 15);
    expect(hat[4][0]).toBeCloseTo(1 / Math.sqrt(8), 15);
    expect(hat[2][4]).toBe(0);
  });
  it('Â is symmetric and has √d̃ as eigenvector with eigenvalue 1', () => {
    for (const g of [GRAPH_2019, GRAPH_2020]) {
      const hat = toRows(normalisedAdjacency(g));
      const sqrtD = Array.from(degrees(selfConnected(toDenseAdjacency(g)))).map(Math.sqrt);
      hat.forEach((row, i) => {
        row.forEach((x, j) => expect(x).toBe(hat[j][i]));
        expect(row.reduce((s, x, j) => s + x * sqrtD[j], 0)).toBeCloseTo(sqrtD[i], 14);
      });
    }
  });
  it('the variants: row sums to 1, unnormalised is Ã, no-self-loops has a zero diagonal', () => {
    for (const row of toRows(normalisedAdjacency(GRAPH_2020, 'row'))) expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
    expect(toRows(normalisedAdjacency(GRAPH_2020, 'unnormalised'))).toEqual(TILDE_A_2020);
    toRows(normalisedAdjacency(GRAPH_2020, 'no-self-loops')).forEach((row, i) => expect(row[i]).toBe(0));
  });
  it('the dense conversions validate the graph', () => {
    expect(() => toDenseAdjacency({ numNodes: 2, edges: [[0, 0]] })).toThrow(/toDenseAdjacency requires a graph without self-loops/);
  });
});
