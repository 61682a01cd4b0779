import { GRAPH_2019, GRAPH_2020, randomGraph, selfConnected, toDenseAdjacency, type GatSpec } from '../graph';
import { gatAttention, gatForward, gatGradients, gatKinkMargins, gatShapes } from './graph';
import { centralDifference4, relError, seededInputs, seededParams } from './graph-testing';
import type { Graph } from '../../harness/contract';

const H_STEP = 1e-4;
const width = (spec: GatSpec) => ((spec.combine ?? 'concat') === 'concat' ? (spec.heads ?? 1) : 1) * spec.outFeatures;

/**
 * Central differences must not cross a kink: neither a LeakyReLU input s_i + t_j nor a
 * ReLU input may be within reach of a 2h perturbation. We take the first seed whose
 * distances to both kinks exceed 2e-3, ten times the largest shift a 2h = 2e-4 step can cause (|∂u/∂θ| ≲ 1 for inputs in [−1, 1] and weights in [−0.5, 0.5]) and assert them.
 */
function awayFromKinks(graph: Graph, spec: GatSpec) {
  for (let seed = 0; seed < 200; seed++) {
    const params = seededParams(gatShapes(spec), seed);
    const { H, R } = seededInputs(graph, spec.inFeatures, width(spec), seed);
    const m = gatKinkMargins(params, H, graph, spec);
    if (m.leaky > 2e-3 && (spec.activation === 'identity' || m.relu > 2e-3)) return { params, H, R, m };
  }
  throw new Error('no seed away from the kinks');
}

describe('GAT oracle', () => {
  it('attention rows sum to 1 and are zero outside N(i) ∪ {i}', () => {
    for (const graph of [GRAPH_2019, GRAPH_2020, randomGraph(10, 12, 4)]) {
      const spec: GatSpec = { inFeatures: 3, outFeatures: 4, heads: 2 };
      const params = seededParams(gatShapes(spec), 1, 2);
      const { H } = seededInputs(graph, 3, 8, 1);
      const tilde = selfConnected(toDenseAdjacency(graph));
      const n = graph.numNodes;
      for (const alpha of gatAttention(params, H, graph, spec)) {
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let j = 0; j < n; j++) {
            const x = alpha.data[i * n + j];
            if (tilde.data[i * n + j] === 0) expect(x).toBe(0); else expect(x).toBeGreaterThan(0);
            sum += x;
          }
          expect(sum).toBeCloseTo(1, 14);
        }
      }
    }
  });
  it('without self-loops the diagonal is zero; with a = 0 attention is uniform', () => {
    const spec: GatSpec = { inFeatures: 3, outFeatures: 2 };
    const params = seededParams(gatShapes(spec), 3);
    const { H } = seededInputs(GRAPH_2020, 3, 2, 3);
    const [noLoops] = gatAttention(params, H, GRAPH_2020, spec, { selfLoops: false });
    for (let i = 0; i < 6; i++) expect(noLoops.data[i * 6 + i]).toBe(0);
    params.a.data.fill(0);
    const [uniform] = gatAttention(params, H, GRAPH_2020, spec);
    expect(uniform.data[2 * 6 + 2]).toBeCloseTo(1 / 2, 15);   // C: itself and D
    expect(uniform.data[0 * 6 + 5]).toBeCloseTo(1 / 4, 15);   // A: itself, B, E, F
  });
  it('averaging heads equals the mean of single-head outputs (identity σ)', () => {
    const spec: GatSpec = { inFeatures: 3, outFeatures: 2, heads: 3, combine: 'average', activation: 'identity' };
    const params = seededParams(gatShapes(spec), 7);
    const { H } = seededInputs(GRAPH_2019, 3, 2, 7);
    const avg = gatForward(params, H, GRAPH_2019, spec);
    const single = [0, 1, 2].map((k) => gatForward({ W: params[`head${k}.W`], a: params[`head${k}.a`] }, H, GRAPH_2019, { inFeatures: 3, outFeatures: 2, activation: 'identity' }));
    avg.data.forEach((x, idx) => expect(x).toBeCloseTo((single[0].data[idx] + single[1].data[idx] + single[2].data[idx]) / 3, 14));
  });
  it.each<[string, Graph, GatSpec]>([
    ['one head, relu, 2020 graph', GRAPH_2020, { inFeatures: 3, outFeatures: 4 }],
    ['one head, identity, random graph', randomGraph(9, 14, 1), { inFeatures: 4, outFeatures: 3, activation: 'identity' }],
    ['3 heads concat, relu, 2019 graph', GRAPH_2019, { inFeatures: 3, outFeatures: 2, heads: 3 }],
    ['2 heads average, relu, random graph', randomGraph(8, 12, 6), { inFeatures: 3, outFeatures: 3, heads: 2, combine: 'average' }],
  ])('hand-derived gradients match central differences < 1e-7 (%s)', (_, graph, spec) => {
    const { params, H, R, m } = awayFromKinks(graph, spec);
    expect(m.leaky).toBeGreaterThan(2e-3);
    const g = gatGradients(params, H, graph, spec, R);
    const loss = () => gatGradients(params, H, graph, spec, R).loss;
    let worst = 0;
    for (const [name, p] of Object.entries(params)) {
      p.data.forEach((_, k) => { worst = Math.max(worst, relError(g.params[name].data[k], centralDifference4(loss, p.data, k, H_STEP))); });
    }
    H.data.forEach((_, k) => { worst = Math.max(worst, relError(g.features.data[k], centralDifference4(loss, H.data, k, H_STEP))); });
    expect(worst).toBeLessThan(1e-7);
  });
});
