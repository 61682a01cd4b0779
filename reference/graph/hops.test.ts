import { GRAPH_2019, GRAPH_2020, UNREACHABLE, allPairsHops, hopsFrom, messagePassingRounds } from '.';

const C = 2, E = 4;

describe('hop distances', () => {
  it('C → E takes 4 updates in 2020 and 3 in 2019 (the spec)', () => {
    expect(messagePassingRounds(GRAPH_2020, C, E)).toBe(4);
    expect(messagePassingRounds(GRAPH_2019, C, E)).toBe(3);
  });
  it('all pairs are symmetric, zero on the diagonal and agree with single-source BFS', () => {
    const all = allPairsHops(GRAPH_2020);
    all.forEach((row, i) => {
      expect(row[i]).toBe(0);
      row.forEach((h, j) => expect(h).toBe(all[j][i]));
      expect(hopsFrom(GRAPH_2020, i)).toEqual(row);
    });
  });
  it('a disconnected pair is "unreachable", not a number', () => {
    const g = { numNodes: 4, edges: [[0, 1], [2, 3]] as Array<[number, number]> };
    expect(messagePassingRounds(g, 0, 3)).toBe(UNREACHABLE);
    expect(UNREACHABLE).toBe('unreachable');
    expect(allPairsHops(g)[1]).toEqual([1, 0, 'unreachable', 'unreachable']);
  });
  it('refuses node ids outside the graph', () => {
    expect(() => messagePassingRounds(GRAPH_2020, 0, 6)).toThrow('messagePassingRounds requires its argument `to` to be a node id in 0 … 5, got 6.');
  });
});
